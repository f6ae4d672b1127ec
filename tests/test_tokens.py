"""Manage and reset tokens stay secret: pages holding them are never cached, and neither
gunicorn's nor the development server's logs write them."""

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import requests

from tests.factories import make_slot

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"
CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "+84 912 345 678"}
SECRET = "SeCrEtToKeN123"


@pytest.fixture()
def booking(client, db):
    slot = make_slot()
    db.session.commit()
    response = client.post(
        "/api/v1/bookings", json={"slot_ids": [slot.id], "adults": 1, "contact": CONTACT}
    )
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json()


def test_manage_page_is_never_stored(client, booking):
    token = booking["manage_url"].split("token=")[1]
    response = client.get(f"/bookings/{booking['reference']}", query_string={"token": token})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_api_booking_answer_is_never_stored(client, booking):
    token = booking["manage_url"].split("token=")[1]
    response = client.get(f"/api/v1/bookings/{booking['reference']}?token={token}")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_reset_page_is_never_stored(client, db):
    response = client.get(f"/auth/reset/{SECRET}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_ordinary_pages_may_still_be_cached(client, db):
    assert "no-store" not in client.get("/villages/").headers.get("Cache-Control", "")


def requested_urls(base: str) -> None:
    """A manage link, a reset link, and a page whose Referer is a manage link."""
    for path in (f"/bookings/LN-TEST?token={SECRET}", f"/auth/reset/{SECRET}"):
        requests.get(f"{base}{path}", timeout=10)
    requests.get(f"{base}/villages/", headers={"Referer": f"{base}/x?token={SECRET}"}, timeout=10)


def test_development_server_log_has_no_tokens(http_server, caplog, monkeypatch):
    # Alembic's logging set-up (the fixture ran the migrations) disabled existing loggers.
    monkeypatch.setattr(logging.getLogger("werkzeug"), "disabled", False)
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        requested_urls(http_server)
        time.sleep(0.2)  # the server thread logs after answering
    lines = [record.getMessage() for record in caplog.records if record.name == "werkzeug"]
    assert any("token=[redacted]" in line for line in lines), lines
    assert any("/auth/reset/[redacted]" in line for line in lines), lines
    assert not any(SECRET in line for line in lines), lines


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_gunicorn_access_log_has_no_tokens(app, db, tmp_path):
    port, log = free_port(), tmp_path / "access.log"
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": "log-test", "PUBLIC_URL": f"http://127.0.0.1:{port}"}  # fmt: skip
    access_format = '%(h)s "%(r)s" %(s)s "%(f)s" %(U)s %(q)s'
    process = subprocess.Popen(
        [str(GUNICORN), "--workers", "1", "--bind", f"127.0.0.1:{port}", "--access-logfile",
         str(log), "--access-logformat", access_format, "wsgi:app"],  # fmt: skip
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v1/openapi.json")
        requested_urls(f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=15)
    text = log.read_text()
    assert "token=[redacted]" in text and "/auth/reset/[redacted]" in text, text
    assert SECRET not in text, text


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    pytest.fail("gunicorn did not start")
