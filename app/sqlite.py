"""SQLite settings for an app that several threads and processes write to at once."""

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

BUSY_TIMEOUT_MS = 15_000


def tune_sqlite(engine: Engine) -> None:
    """WAL journal, enforced foreign keys, and a busy timeout instead of 'database is locked'."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("write_transaction", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def start_write_transaction(session: Session) -> None:
    """Begin the session's transaction as a writer.

    On SQLite this is BEGIN IMMEDIATE: the write lock is taken up front, and a second writer
    waits on the busy timeout instead of failing later with "database is locked". On
    PostgreSQL the option does nothing; row locks and guarded updates do the work there.
    Call it first in a service. A read-only transaction already open (a view that loaded
    something first) is ended so the write transaction can begin properly.
    """
    session = session() if callable(session) else session  # a scoped_session gives its Session
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("start_write_transaction() with unsaved changes in the session")
        session.commit()
    session.connection(execution_options={"write_transaction": True})
