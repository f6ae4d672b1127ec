"""The write-transaction block every write service opens: `with write_transaction():`.

How to use it (the pattern of every write service):

    def cancel_thing(thing_id: int, actor: User | None, now: datetime) -> Thing:
        with write_transaction():
            thing = get_thing_for_edit(thing_id, actor)   # reads and checks inside the block
            ...                                           # writes; raise to undo them all
        return thing                                      # committed here; mail goes after

- The block begins the transaction as a writer: `BEGIN IMMEDIATE` on SQLite (a second writer
  waits on the busy timeout, `SQLITE_BUSY_TIMEOUT_MS`), and on PostgreSQL `SET LOCAL
  lock_timeout` / `statement_timeout` (`DB_LOCK_TIMEOUT_MS`, `DB_STATEMENT_TIMEOUT_MS`), so a
  row lock held elsewhere never parks a worker for long.
- It commits on a normal exit and rolls back on any exception, which is re-raised; a lock or
  busy timeout becomes `Busy` (503 with Retry-After), with nothing written and nothing held.
- Work that must only happen once the data is safe (today: mail delivery) is registered with
  `after_commit(callback)` and runs after the commit, never after a rollback. A job engine can
  replace the callbacks later without touching the services.
- A block inside a block is a savepoint: the inner one undoes only its own writes on an
  exception, and everything is committed once, by the outermost block.
- Code that must not run outside a block (the guarded capacity writes in
  `app.bookings.places`) calls `require_write_transaction()` (pretix's `locking` does the same).
- Inside a block nothing else commits: `db.session.commit()` there raises `TransactionRequired`
  (a commit half-way would end the locks and timeouts the rest of the block relies on).
- A service whose whole body is the transaction may wear the block as a decorator,
  `@write_transaction()`: the same block, one indentation level less.
"""

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.errors import Busy
from app.extensions import db

log = logging.getLogger(__name__)

_DEPTH = "write_transaction_depth"
_CALLBACKS = "write_transaction_after_commit"
_COMMITTING = "write_transaction_committing"
#: PostgreSQL SQLSTATEs meaning "could not get a lock in time; try again": lock_not_available,
#: query_canceled (statement_timeout), deadlock_detected, serialization_failure.
RETRYABLE_SQLSTATES = {"55P03", "57014", "40P01", "40001"}
#: SQLite primary result codes SQLITE_BUSY and SQLITE_LOCKED.
SQLITE_BUSY_CODES = {5, 6}


class TransactionRequired(RuntimeError):
    """A programming error: code that writes guarded data ran outside `write_transaction()`."""


@contextmanager
def write_transaction() -> Iterator[Session]:
    """Run the block as one write transaction (see the module docstring); yields the session."""
    session = db.session()
    if session.info.get(_DEPTH):
        with _savepoint(session):
            yield session
        return
    _begin(session)
    session.info[_DEPTH], session.info[_CALLBACKS] = 1, []
    try:
        try:
            yield session
            _commit(session)
        except BaseException as error:
            session.rollback()
            _raise_busy_if_lock(error)
            raise
        callbacks = session.info[_CALLBACKS]
    finally:
        session.info[_DEPTH], session.info[_CALLBACKS] = 0, []
    _run(callbacks)


def in_write_transaction() -> bool:
    return bool(db.session().info.get(_DEPTH))


def require_write_transaction(what: str) -> None:
    """Refuse to go on outside a write transaction (a guarded write needs the block's lock
    order, timeouts and all-or-nothing rollback)."""
    if not in_write_transaction():
        raise TransactionRequired(f"{what} must run inside `with write_transaction():`")


def after_commit(callback: Callable[[], object]) -> None:
    """Run `callback` once the current write transaction has committed (once per transaction,
    however often it is registered); dropped if the transaction rolls back."""
    require_write_transaction("after_commit()")
    callbacks = db.session().info[_CALLBACKS]
    if callback not in callbacks:
        callbacks.append(callback)


def _begin(session: Session) -> None:
    """End a read-only transaction a view may have opened, then begin as a writer."""
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise TransactionRequired("write_transaction() with unsaved changes in the session")
        session.commit()
    try:
        connection = session.connection(execution_options={"write_transaction": True})
        if connection.dialect.name == "postgresql":
            config = current_app.config
            for name, key in (
                ("lock_timeout", "DB_LOCK_TIMEOUT_MS"),
                ("statement_timeout", "DB_STATEMENT_TIMEOUT_MS"),
            ):
                setting = f"{int(config[key])}ms"
                session.execute(select(func.set_config(name, setting, True)))
    except BaseException as error:
        session.rollback()
        _raise_busy_if_lock(error)
        raise


@contextmanager
def _savepoint(session: Session) -> Iterator[Session]:
    callbacks = session.info[_CALLBACKS]
    registered = len(callbacks)
    session.info[_DEPTH] += 1
    savepoint = session.begin_nested()
    try:
        yield session
        if savepoint.is_active:
            _commit(savepoint)
    except BaseException as error:
        if savepoint.is_active:
            savepoint.rollback()
        del callbacks[registered:]
        _raise_busy_if_lock(error)
        raise
    finally:
        session.info[_DEPTH] -= 1


def _commit(transaction) -> None:
    """Commit the session (or a savepoint) on behalf of the block."""
    session = transaction if isinstance(transaction, Session) else transaction.session
    session.info[_COMMITTING] = True
    try:
        transaction.commit()
    finally:
        session.info[_COMMITTING] = False


@event.listens_for(Session, "before_commit")
def _refuse_commit_inside_block(session: Session) -> None:
    if session.info.get(_DEPTH) and not session.info.get(_COMMITTING):
        raise TransactionRequired("Do not commit inside `with write_transaction():`; it commits")


def is_lock_timeout(error: BaseException) -> bool:
    """True for a database error that means "busy, try again" rather than a bug."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return (getattr(original, "sqlite_errorcode", 0) & 0xFF) in SQLITE_BUSY_CODES
    return getattr(original, "sqlstate", None) in RETRYABLE_SQLSTATES


def _raise_busy_if_lock(error: BaseException) -> None:
    if is_lock_timeout(error):
        log.warning("write transaction gave up waiting for a lock: %s", error)
        raise Busy(
            "busy",
            _(
                "Someone else is changing the same thing right now, so nothing was saved. "
                "Please try again in a few seconds."
            ),
        ) from error


def _run(callbacks: list[Callable[[], object]]) -> None:
    """Post-commit work never turns a committed change into an error page: a failure is
    logged (mail stays in the outbox for the next delivery)."""
    for callback in callbacks:
        try:
            callback()
        except Exception:
            log.exception("after-commit work %r failed", callback)
            db.session.rollback()
