"""A booking that cannot get its lock gives up quickly with 503 and Retry-After, holds nothing,
and leaves the workers free for other pages. Another process holds the lock (a slot row locked
with SELECT … FOR UPDATE on PostgreSQL, the write lock taken with BEGIN IMMEDIATE on SQLite)
while guests book through gunicorn."""

import multiprocessing
import sqlite3
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from app.bookings.models import BookingItem
from app.experiences.models import Slot
from tests.bookings.live import Browser, book_api, call
from tests.factories import make_slot

pytestmark = pytest.mark.slow
HOLD_SECONDS = 20  # how long the other process keeps its lock unless released earlier


def _hold_lock(url: str, slot_id: int, locked, release) -> None:
    """Another process: lock the slot's row (PostgreSQL) or the whole database for writing
    (SQLite) in an open transaction, until told to let go."""
    if url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(url).database, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(HOLD_SECONDS)
        connection.execute("ROLLBACK")
        connection.close()
        return
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection, connection.begin():
        connection.execute(select(Slot.id).where(Slot.id == slot_id).with_for_update())
        locked.set()
        release.wait(HOLD_SECONDS)


class LockHolder:
    """Runs `_hold_lock` in its own process for the length of a `with` block."""

    def __init__(self, url: str, slot_id: int):
        context = multiprocessing.get_context("fork")
        self.locked, self.release = context.Event(), context.Event()
        self.process = context.Process(
            target=_hold_lock, args=(url, slot_id, self.locked, self.release)
        )

    def __enter__(self):
        self.process.start()
        assert self.locked.wait(15), "the lock holder did not get its lock"
        return self

    def __exit__(self, *exc_info):
        self.release.set()
        self.process.join(timeout=30)


def _nothing_held(db, slot_id: int, server: str) -> None:
    db.session.rollback()  # end our snapshot: read what the other processes wrote
    assert db.session.get(Slot, slot_id).booked == 0
    assert db.session.scalar(select(func.count(BookingItem.id))) == 0
    later = book_api(server, "later@example.com", slot_ids=[slot_id])
    assert later.status == 201 and later.seconds < 3, later


def _is_postgres(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


def test_bookings_behind_a_locked_slot_answer_503_quickly_and_other_pages_still_answer(
    app, db, server
):
    if not _is_postgres(app):
        pytest.skip("row locks held by another session: PostgreSQL (SQLite's test is below)")
    slot = make_slot(capacity=5)
    db.session.commit()
    with LockHolder(app.config["SQLALCHEMY_DATABASE_URI"], slot.id):
        with ProcessPoolExecutor(max_workers=4) as pool:  # as many as gunicorn has workers
            emails = [f"guest{number}@example.com" for number in range(4)]
            futures = [pool.submit(book_api, server, e, slot_ids=[slot.id]) for e in emails]
            time.sleep(0.5)
            page = call(urllib.request.build_opener(), f"{server}/villages/")
            answers = [future.result() for future in futures]
    assert [answer.status for answer in answers] == [503] * 4, answers
    assert all(answer.error_code == "busy" for answer in answers), answers
    assert all(answer.headers.get("Retry-After") == "3" for answer in answers), answers
    # each gives up after the 3 s lock timeout (one may first wait for a free worker), long
    # before the other process lets go after 20 s; the page waits at most for one timeout
    assert max(answer.seconds for answer in answers) < 10, answers
    assert page.status == 200 and page.seconds < 8, page.seconds
    _nothing_held(db, slot.id, server)


def test_booking_while_sqlite_is_locked_for_writing_answers_503_not_500(app, db, gunicorn):
    if _is_postgres(app):
        pytest.skip("SQLite's busy timeout (PostgreSQL's lock timeout is tested above)")
    server = gunicorn(SQLITE_BUSY_TIMEOUT_MS="1000")
    slot = make_slot(capacity=5)
    db.session.commit()
    with LockHolder(app.config["SQLALCHEMY_DATABASE_URI"], slot.id):
        answer = book_api(server, "guest@example.com", slot_ids=[slot.id])
        page = call(urllib.request.build_opener(), f"{server}/villages/")
    assert answer.status == 503 and answer.error_code == "busy", answer
    assert answer.headers.get("Retry-After") == "3"
    assert answer.seconds < 5
    assert page.status == 200 and page.seconds < 3  # readers are never blocked (WAL)
    _nothing_held(db, slot.id, server)


def test_booking_form_behind_a_lock_shows_a_page_saying_to_try_again(app, db, gunicorn):
    server = gunicorn(SQLITE_BUSY_TIMEOUT_MS="1000", DB_LOCK_TIMEOUT_MS="1000")
    slot = make_slot(capacity=5)
    db.session.commit()
    guest = Browser(server)
    assert guest.get(f"/bookings/new?slot_id={slot.id}").status == 200
    with LockHolder(app.config["SQLALCHEMY_DATABASE_URI"], slot.id):
        answer = guest.post(
            f"/bookings/new?slot_id={slot.id}",
            {
                "form_token": guest.form_token,
                "name": "Mai",
                "email": "mai@example.com",
                "phone": "0901234567",
                "adults": "2",
            },
        )
    assert answer.status == 503, answer.status
    assert answer.headers.get("Retry-After") == "3"
    assert "Please try again in a few seconds." in answer.body
    assert answer.seconds < 5
    _nothing_held(db, slot.id, server)
