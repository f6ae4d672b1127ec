"""The write-transaction block (app/transactions.py): commit on exit, roll back on any exception,
after-commit work only after a commit, savepoints inside, timeouts on PostgreSQL, and the
guarded capacity writes refusing to run outside it."""

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from app.bookings import places
from app.bookings.models import Booking
from app.errors import Busy
from app.experiences.models import Slot
from app.transactions import TransactionRequired, after_commit, write_transaction
from app.villages.models import Village
from tests.factories import make_slot, make_village
from tests.smtpsink import SmtpSink

CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "0901234567"}


def _count_elsewhere(app, model) -> int:
    """Rows of `model` another connection sees: only what has been committed."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], poolclass=NullPool)
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model))


def _is_postgres(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


def test_block_commits_its_writes_on_exit(app, db):
    with write_transaction():
        make_village()
    assert _count_elsewhere(app, Village) == 1


def test_block_rolls_back_everything_on_any_exception(app, db):
    with pytest.raises(ZeroDivisionError), write_transaction():
        make_village()
        1 / 0  # noqa: B018
    assert _count_elsewhere(app, Village) == 0
    assert db.session.scalar(select(func.count(Village.id))) == 0


def test_after_commit_work_runs_once_after_the_commit(app, db):
    seen = []

    def work():
        seen.append(_count_elsewhere(app, Village))

    with write_transaction():
        make_village()
        after_commit(work)
        after_commit(work)
        assert seen == []
    assert seen == [1]


def test_after_commit_work_is_dropped_when_the_block_fails(app, db):
    seen = []
    with pytest.raises(ValueError), write_transaction():
        after_commit(lambda: seen.append("ran"))
        raise ValueError("refused")
    assert seen == []


def test_inner_block_undoes_only_its_own_writes(app, db):
    with write_transaction():
        make_village(slug="kept")
        with pytest.raises(ValueError), write_transaction():
            make_village(slug="undone")
            raise ValueError("refused")
    assert db.session.scalars(select(Village.slug)).all() == ["kept"]


def test_guarded_capacity_writes_refuse_to_run_outside_a_block(app, db):
    slot = make_slot(capacity=3)
    db.session.commit()
    with pytest.raises(TransactionRequired):
        places.take(slot.id, 1)
    with pytest.raises(TransactionRequired):
        places.give_back(slot.id, 1)
    with pytest.raises(TransactionRequired):
        after_commit(lambda: None)
    db.session.rollback()
    assert db.session.get(Slot, slot.id).booked == 0


def test_postgres_timeouts_apply_to_the_block_only(app, db):
    if not _is_postgres(app):
        pytest.skip("lock_timeout and statement_timeout are PostgreSQL settings")
    setting = select(
        func.current_setting("lock_timeout"), func.current_setting("statement_timeout")
    )
    with write_transaction():
        assert tuple(db.session.execute(setting).one()) == ("3s", "15s")
    db.session.rollback()
    assert tuple(db.session.execute(setting).one()) == ("0", "0")


def test_statement_past_the_statement_timeout_becomes_busy(app, db, monkeypatch):
    if not _is_postgres(app):
        pytest.skip("statement_timeout is a PostgreSQL setting")
    monkeypatch.setitem(app.config, "DB_STATEMENT_TIMEOUT_MS", 200)
    with pytest.raises(Busy), write_transaction():
        make_village()
        db.session.execute(select(func.pg_sleep(2)))
    assert _count_elsewhere(app, Village) == 0


def test_booking_mail_leaves_only_after_the_booking_is_committed(app, db, client, monkeypatch):
    slot = make_slot(capacity=2)
    db.session.commit()
    with SmtpSink(on_message=lambda _message: _count_elsewhere(app, Booking)) as sink:
        monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
        monkeypatch.setitem(app.config, "MAIL_PORT", sink.port)
        monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
        booked = client.post(
            "/api/v1/bookings", json={"slot_ids": [slot.id], "adults": 2, "contact": CONTACT}
        )
        refused = client.post(
            "/api/v1/bookings", json={"slot_ids": [slot.id], "adults": 1, "contact": CONTACT}
        )
    assert booked.status_code == 201 and refused.status_code == 409
    assert len(sink.messages) == 1  # the refused booking wrote and sent nothing
    assert sink.seen_at_arrival == [1]  # when the mail left, the booking was already committed


def test_committing_inside_a_block_is_refused_and_undoes_the_block(app, db):
    with pytest.raises(TransactionRequired), write_transaction():
        make_village()
        db.session.commit()
    assert _count_elsewhere(app, Village) == 0
