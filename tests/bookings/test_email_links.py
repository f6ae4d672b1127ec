"""Every link in every email works for the person it is sent to: each template is triggered
through the app's own doors, then its recipient (logged in, or holding the guest token) follows
every link in the body and in the calendar file, and gets a 200."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from icalendar import Calendar
from sqlalchemy import select

from app.accounts.models import RoleRequest, User
from app.bookings.models import BookingItem
from app.notifications.models import OutboxMessage
from tests.factories import (
    make_departure,
    make_experience,
    make_slot,
    make_tour,
    make_user,
    make_village,
)

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)  # Monday 08:00 in Hanoi
GUEST = {"name": "Mai", "email": "mai@example.com", "phone": "0912 345 678", "adults": 2,
         "children": 0}  # fmt: skip
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture()
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture()
def world(db, frozen):
    """A village with its host, an instant and an on-request workshop, a tour with a
    departure and its operator, an admin."""
    village = make_village()
    instant = make_experience(village=village)
    on_request = make_experience(village=village, confirmation_mode="on_request")
    tour = make_tour(stops=[{"village": village, "offset_minutes": 60, "stay_minutes": 90}])
    world = {
        "host": make_user(villages=[village], email="host@example.com"),
        "operator": make_user(operator=tour.operator.name, email="ops@example.com"),
        "admin": make_user(role="admin", email="admin@example.com"),
        "instant": make_slot(experience=instant, starts_at=NOW + timedelta(days=3)),
        "later": make_slot(experience=instant, starts_at=NOW + timedelta(days=4)),
        "on_request": make_slot(experience=on_request, starts_at=NOW + timedelta(days=5)),
        "departure": make_departure(tour=tour, starts_at=NOW + timedelta(days=5)),
    }
    db.session.commit()
    return world


def book(client, **target) -> str:
    """Book through the guest form; returns the manage page's path."""
    response = client.post("/bookings/new", query_string=target, data=GUEST)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def item_id(db) -> int:
    return db.session.scalar(select(BookingItem.id).order_by(BookingItem.id.desc()))


def booked_instant(client, db, login_as, runner, world):
    book(client, slot_id=world["instant"].id)


def booked_on_request(client, db, login_as, runner, world):
    book(client, slot_id=world["on_request"].id)


def booked_departure(client, db, login_as, runner, world):
    book(client, departure_id=world["departure"].id)


def host_declined(client, db, login_as, runner, world):
    book(client, slot_id=world["on_request"].id)
    login_as(world["host"])
    client.post(f"/host/bookings/items/{item_id(db)}/decline", data={"message": "Full"})
    client.post("/auth/logout")


def guest_cancelled_workshop(client, db, login_as, runner, world):
    client.post(book(client, slot_id=world["instant"].id).replace("?", "/cancel?", 1))


def guest_cancelled_departure(client, db, login_as, runner, world):
    client.post(book(client, departure_id=world["departure"].id).replace("?", "/cancel?", 1))


def guest_moved(client, db, login_as, runner, world):
    manage = book(client, slot_id=world["instant"].id)
    path, query = manage.split("?", 1)
    client.post(f"{path}/items/{item_id(db)}/move?{query}", data={"slot_id": world["later"].id})


def hold_expired(client, db, login_as, runner, world):
    book(client, slot_id=world["on_request"].id)
    with time_machine.travel(NOW + timedelta(hours=49), tick=False):
        book(client, slot_id=world["on_request"].id)  # meets the stale hold and lapses it


def reminded(client, db, login_as, runner, world):
    book(client, slot_id=world["instant"].id)
    with time_machine.travel(NOW + timedelta(days=1, hours=12), tick=False):
        assert runner.invoke(args=["bookings", "remind"]).exit_code == 0  # links from PUBLIC_URL


def departure_moved(client, db, login_as, runner, world):
    book(client, departure_id=world["departure"].id)
    login_as(world["operator"])
    client.post(
        f"/operator/departures/{world['departure'].id}",
        data={"starts_at": "2027-03-07T09:00", "capacity": 12, "guide_id": 0, "vehicle_id": 0},
    )
    client.post("/auth/logout")


def password_reset(client, db, login_as, runner, world):
    client.post("/auth/reset", data={"email": world["host"].email})


def role_decided(client, db, login_as, runner, world):
    visitor = make_user(email="visitor@example.com")
    db.session.commit()
    login_as(visitor)
    client.post("/auth/request-role", data={"kind": "operator", "operator_name": "New Trails"})
    client.post("/auth/logout")
    login_as(world["admin"])
    request_id = db.session.scalar(select(RoleRequest.id))
    client.post(f"/admin/requests/{request_id}/approve", data={"note": "Welcome"})
    client.post("/auth/logout")


TEMPLATES = [
    ("booking_confirmed", booked_instant),
    ("booking_requested", booked_on_request),
    ("host_new", booked_on_request),  # to the village's host
    ("host_new", booked_departure),  # to the operator: the departure's manifest, not the inbox
    ("booking_declined", host_declined),
    ("booking_cancelled", guest_cancelled_workshop),
    ("host_cancelled", guest_cancelled_workshop),
    ("host_cancelled", guest_cancelled_departure),
    ("booking_moved", guest_moved),
    ("host_moved", guest_moved),
    ("booking_expired", hold_expired),
    ("booking_reminder", reminded),
    ("booking_moved", departure_moved),
    ("departure_moved", departure_moved),
    ("password_reset", password_reset),
    ("role_request", role_decided),
]


#: Map apps the "Directions" links open (tests/bookings/test_directions.py checks those).
MAP_APPS = ("www.google.com", "maps.apple.com", "www.openstreetmap.org")


def links_of(message: OutboxMessage) -> set[str]:
    """Every link to the app in the text body, the HTML body and the calendar file."""
    found = set(LINK.findall(message.body)) | set(LINK.findall(message.html_body))
    found = {link.replace("&amp;", "&") for link in found if urlsplit(link).netloc not in MAP_APPS}
    if message.attachment_body:
        for event in Calendar.from_ical(message.attachment_body).walk("VEVENT"):
            if event.get("url"):
                found.add(str(event["url"]))
    return found


@pytest.mark.parametrize(
    ("kind", "trigger"), TEMPLATES, ids=[f"{kind}-{fn.__name__}" for kind, fn in TEMPLATES]
)
def test_every_link_in_the_email_works_for_its_recipient(
    client, db, login_as, runner, outbox, world, kind, trigger
):
    trigger(client, db, login_as, runner, world)
    messages = [message for message in outbox() if message.kind == kind]
    assert messages, f"no {kind} email was sent"
    for message in messages:
        recipient = db.session.scalar(select(User).where(User.email == message.recipient))
        client.post("/auth/logout")
        if recipient is not None and kind != "password_reset":
            login_as(recipient)
        for link in links_of(message):
            parts = urlsplit(link)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            assert client.get(path).status_code == 200, (kind, message.recipient, link)
