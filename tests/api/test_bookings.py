"""POST /api/v1/bookings, GET /api/v1/bookings/<reference>, POST …/cancel."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.bookings.models import Booking
from app.experiences.models import Slot
from app.timeutil import utcnow
from tests.factories import make_experience, make_slot

CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "+84 912 345 678"}


@pytest.fixture()
def slot(db):
    made = make_slot(
        experience=make_experience(confirmation_mode="on_request"),
        capacity=4,
        starts_at=utcnow() + timedelta(days=5),
    )
    db.session.commit()
    return made


def post(client, body, **headers):
    return client.post("/api/v1/bookings", json=body, headers=headers)


def test_created_booking_has_the_spec_shape(client, slot):
    response = post(
        client,
        {
            "slot_ids": [slot.id],
            "adults": 2,
            "children": 1,
            "contact": CONTACT,
            "note": "one vegetarian",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "pending" and body["reference"].startswith("LN-")
    assert "token=" in body["manage_url"] and body["items"][0]["places"] == 3


def test_no_room_is_409_and_holds_nothing(client, db, slot):
    other = make_slot(experience=slot.experience, starts_at=slot.starts_at + timedelta(days=1))
    db.session.commit()
    response = post(
        client, {"slot_ids": [other.id, slot.id], "adults": 4, "children": 1, "contact": CONTACT}
    )  # 5 people: the second slot has 4 places
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "no_capacity"
    db.session.expire_all()
    assert db.session.get(Slot, other.id).booked == 0
    assert db.session.scalar(select(func.count(Booking.id))) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"slot_ids": [1], "adults": "two", "contact": CONTACT}, "adults"),
        ({"slot_ids": [1], "adults": 2, "contact": {**CONTACT, "email": "x"}}, "contact.email"),
        ({"slot_ids": [1], "adults": 2}, "contact"),
        ({"slot_ids": [1], "adults": 0, "children": 0, "contact": CONTACT}, "adults"),
        ({"slot_ids": [1, 1], "adults": 2, "contact": CONTACT}, "slot_ids"),
        ({"slot_ids": [1], "adults": 2.5, "contact": CONTACT}, "adults"),
    ],
)
def test_bad_input_names_the_field(client, slot, body, field):
    """A body that breaks the documented schema is a 400."""
    response = post(client, body)
    assert response.status_code == 400
    assert field in response.get_json()["error"]["fields"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"adults": 2, "contact": CONTACT}, "slot_ids"),
        ({"slot_ids": [], "adults": 2, "contact": CONTACT}, "slot_ids"),
        ({"slot_ids": [999999], "adults": 2, "contact": CONTACT}, "slot_ids"),
        ({"slot_ids": [1], "adults": 30, "children": 30, "contact": CONTACT}, "adults"),
    ],
)
def test_well_formed_booking_against_the_rules_is_a_422_naming_the_field(client, slot, body, field):
    """A body of the documented shape that breaks a booking rule is a 422."""
    response = post(client, body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_idempotency_key_returns_the_first_booking(client, db, slot):
    body = {"slot_ids": [slot.id], "adults": 1, "contact": CONTACT}
    first = post(client, body, **{"Idempotency-Key": "retry-1"})
    second = post(client, body, **{"Idempotency-Key": "retry-1"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["reference"] == second.get_json()["reference"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert db.session.scalar(select(func.count(Booking.id))) == 1


def test_reading_and_cancelling_need_the_token(client, db, slot):
    created = post(client, {"slot_ids": [slot.id], "adults": 2, "contact": CONTACT}).get_json()
    reference, token = created["reference"], created["manage_url"].split("token=")[1]
    assert client.get(f"/api/v1/bookings/{reference}").status_code == 401
    assert client.get(f"/api/v1/bookings/{reference}?token=nope").status_code == 404
    assert client.get(f"/api/v1/bookings/LN-XXXXXX?token={token}").status_code == 404
    read = client.get(f"/api/v1/bookings/{reference}?token={token}").get_json()
    assert read["items"][0]["status"] == "pending" and read["history"]
    cancelled = client.post(f"/api/v1/bookings/{reference}/cancel", json={"token": token})
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    again = client.post(f"/api/v1/bookings/{reference}/cancel?token={token}")
    assert again.status_code == 409
    db.session.expire_all()
    assert db.session.get(Slot, slot.id).booked == 0
