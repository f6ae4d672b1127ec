"""Fixtures: the app on SQLite (and on PostgreSQL when TEST_DATABASE_URL is set), built by
running the migrations; every test starts from empty tables and commits for real.

The clock: `LANGNGHE_TEST_NOW=2026-12-31T15:00:00+07:00` runs the whole suite (the live server
of the browser tests and the gunicorn workers of the concurrency tests included) with the clock
shifted to that instant and ticking from there."""

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db as _db

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
#: Where emailed links point in tests: not the test client's host, so a link built from the
#: request's Host instead would show.
PUBLIC_URL = "https://langnghe.example"
SUITE_NOW = os.environ.get("LANGNGHE_TEST_NOW", "")
#: gunicorn settings that give its workers the clock of the test process (see clock_env)
GUNICORN_CLOCK = Path(__file__).resolve().parent / "gunicorn_clock.py"
_CLOCK = pytest.StashKey[time_machine.travel]()


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset, as LANGNGHE_TEST_NOW must be written."""
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        instant = None
    if instant is None or instant.tzinfo is None:
        raise pytest.UsageError(
            f"LANGNGHE_TEST_NOW={text!r}: give an instant with its offset, "
            "like 2026-12-31T15:00:00+07:00"
        )
    return instant


def pytest_configure(config):
    if SUITE_NOW:
        traveller = time_machine.travel(parse_instant(SUITE_NOW), tick=True)
        traveller.start()
        config.stash[_CLOCK] = traveller


def pytest_unconfigure(config):
    if _CLOCK in config.stash:
        config.stash[_CLOCK].stop()


def pytest_report_header(config):
    if SUITE_NOW:
        return f"clock: shifted to {SUITE_NOW} (LANGNGHE_TEST_NOW), ticking"
    return "clock: real (set LANGNGHE_TEST_NOW to shift it)"


def clock_env() -> dict[str, str]:
    """Environment for a server subprocess started with `-c GUNICORN_CLOCK`: its workers then
    run on this process's clock (shifted or frozen by a test), not on the wall clock."""
    return {"LANGNGHE_TEST_NOW": datetime.now(UTC).isoformat()}


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def reset_postgres(url: str) -> None:
    """Start from an empty public schema: the migrations build everything."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_test_app(database_url: str, **extra):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "PUBLIC_URL": PUBLIC_URL,
        "SERVER_NAME": None,
        "TILE_URL": "/static/img/blank-tile.png?{z}/{x}/{y}",
        "BABEL_DEFAULT_LOCALE": "en",
        **extra,
    }
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory):
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("TEST_DATABASE_URL is not set: PostgreSQL run skipped")
        reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = make_test_app(url)
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture()
def db(app):
    """An app context on empty tables (children deleted first)."""
    with app.app_context():
        for table in reversed(_db.metadata.sorted_tables):
            _db.session.execute(table.delete())
        _db.session.commit()
        yield _db
        _db.session.rollback()
        _db.session.remove()


@pytest.fixture()
def client(app, db):
    return app.test_client()


@pytest.fixture()
def http_server(app, db):
    """The test app behind a real HTTP server (its own thread, so each request has its own
    app context, as in production); yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture()
def runner(app, db):
    return app.test_cli_runner()


DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture()
def seeded(runner):
    """The real Hanoi villages, loaded through `flask villages import`."""
    result = runner.invoke(args=["villages", "import", str(DATA_DIR / "hanoi_craft_villages.csv")])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture()
def demo(runner):
    """Everything `flask seed` loads: villages, demo accounts, workshops, 8 weeks of slots."""
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture()
def outbox(db):
    """The messages the app has written to the outbox so far, oldest first."""
    from sqlalchemy import select

    from app.notifications.models import OutboxMessage

    return lambda: list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.fixture()
def login_as(client):
    """Log `user` in through the real login form (password from the factory)."""
    from tests.factories import PASSWORD

    def login(user, password: str = PASSWORD):
        response = client.post("/auth/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return login
