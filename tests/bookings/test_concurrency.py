"""Never overbooked: many processes at once against gunicorn with several workers (as
`make serve` runs it), on SQLite and on PostgreSQL; and hosts answering at the same time."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.bookings import hosting
from app.bookings.models import BookingItem
from app.errors import Conflict
from app.experiences.models import Slot
from app.operators.models import Departure
from app.timeutil import utcnow
from tests.conftest import GUNICORN_CLOCK, clock_env
from tests.factories import make_departure, make_experience, make_slot, make_user, make_village

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def server(app, db):
    """gunicorn with 4 workers on the test database."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "concurrency-test",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "RATELIMIT_ENABLED": "false",
        "BOOKING_HOLD_HOURS": "48",
        **clock_env(),
    }
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "-c",
            str(GUNICORN_CLOCK),
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("gunicorn did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=15)


def book(args: tuple) -> int:
    """One client in its own process: POST a booking and return the status code."""
    base, slot_ids, number, *departure = args
    target = {"departure_id": departure[0]} if departure else {"slot_ids": slot_ids}
    body = json.dumps(
        {
            **target,
            "adults": 1,
            "contact": {
                "name": f"Guest {number}",
                "email": f"guest{number}@example.com",
                "phone": "0901234567",
            },
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/bookings",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_simultaneous_bookings_never_exceed_capacity(server, db):
    roomy = make_slot(capacity=50, starts_at=utcnow() + timedelta(days=3))
    scarce = make_slot(capacity=5, starts_at=utcnow() + timedelta(days=3, hours=2))
    db.session.commit()
    jobs = [
        (server, [roomy.id, scarce.id] if number % 2 else [scarce.id], number)
        for number in range(40)
    ]
    with ProcessPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(book, jobs))
    assert statuses.count(201) == 5 and statuses.count(409) == 35, statuses
    day_bookings = sum(
        1 for job, status in zip(jobs, statuses, strict=True) if status == 201 and len(job[1]) == 2
    )
    db.session.rollback()  # end our snapshot: read what the other processes wrote
    assert db.session.get(Slot, scarce.id).booked == 5
    assert db.session.get(Slot, roomy.id).booked == day_bookings  # a failed day held nothing
    live = select(func.count(BookingItem.id)).where(BookingItem.slot_id == scarce.id)
    assert db.session.scalar(live) == 5


def test_simultaneous_departure_bookings_never_exceed_seats(server, db):
    departure = make_departure(capacity=4, starts_at=utcnow() + timedelta(days=4))
    db.session.commit()
    jobs = [(server, [], number, departure.id) for number in range(30)]
    with ProcessPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(book, jobs))
    assert statuses.count(201) == 4 and statuses.count(409) == 26, statuses
    db.session.rollback()  # end our snapshot: read what the other processes wrote
    assert db.session.get(Departure, departure.id).booked == 4


def test_two_hosts_confirming_at_once_confirm_once(app, db):
    village = make_village()
    hosts = [make_user(villages=[village]), make_user(villages=[village])]
    slot = make_slot(
        experience=make_experience(village=village, confirmation_mode="on_request"),
        capacity=3,
        starts_at=utcnow() + timedelta(days=3),
    )
    db.session.commit()
    with app.test_request_context():
        from app.bookings import services

        booking, _, _ = services.request_booking(
            services.BookingRequest(
                slot_ids=(slot.id,),
                adults=3,
                children=0,
                name="Mai",
                email="mai@example.com",
                phone="0901234567",
            ),
            None,
            utcnow(),
        )
    item_id, host_ids = booking.items[0].id, [host.id for host in hosts]
    outcomes, barrier = [], threading.Barrier(2)

    def confirm(host_id: int) -> None:
        with app.test_request_context():
            from app.accounts.models import User
            from app.extensions import db as session_db

            host = session_db.session.get(User, host_id)
            barrier.wait()
            try:
                hosting.confirm_item(item_id, host, utcnow())
                outcomes.append("confirmed")
            except Conflict:
                outcomes.append("refused")
            finally:
                session_db.session.remove()

    threads = [threading.Thread(target=confirm, args=(host_id,)) for host_id in host_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["confirmed", "refused"]
    db.session.rollback()  # end our snapshot: read what the other processes wrote
    assert db.session.get(Slot, slot.id).booked == 3
    assert db.session.get(BookingItem, item_id).status == "confirmed"
