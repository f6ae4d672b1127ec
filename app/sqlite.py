"""SQLite settings for an app that several threads and processes write to at once."""

from sqlalchemy import event
from sqlalchemy.engine import Engine


def tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL journal, enforced foreign keys, and a busy timeout instead of 'database is locked'.
    A transaction opened by `app.transactions.write_transaction()` begins IMMEDIATE: it takes
    the write lock up front, so a second writer waits here rather than failing half-way."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("write_transaction", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
