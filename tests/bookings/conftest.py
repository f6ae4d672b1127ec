"""Fixtures for the concurrency tests: gunicorn on the test database."""

import pytest

from tests.bookings.live import start_gunicorn


@pytest.fixture()
def gunicorn(app, db):
    """Start gunicorn (4 workers, as `make serve`) on the test database, with extra
    environment variables; returns its base URL. Stopped after the test."""
    processes = []

    def start(**env: str) -> str:
        process, base = start_gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], **env)
        processes.append(process)
        return base

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def server(app):
    """gunicorn with 4 workers on the test database, shared by a module's tests (each test
    still starts from empty tables through the `db` fixture)."""
    process, base = start_gunicorn(app.config["SQLALCHEMY_DATABASE_URI"])
    yield base
    process.terminate()
    process.wait(timeout=15)
