"""Regression tests for defects found in review: each names what must not happen again."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.bookings import services as bookings
from app.bookings.models import BookingEvent, BookingItem
from app.experiences import slots as slot_services
from app.experiences.models import Slot
from app.operators import departures
from app.timeutil import utcnow
from tests.factories import (
    make_departure,
    make_experience,
    make_slot,
    make_user,
    make_village,
)

HUGE = "1" + "0" * 20
CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "0901234567"}


def request(slot_ids=(), departure_id=None, adults=1):
    return bookings.BookingRequest(
        slot_ids=tuple(slot_ids),
        departure_id=departure_id,
        adults=adults,
        children=0,
        name="Mai",
        email="mai@example.com",
        phone="0901234567",
    )


def test_a_title_with_line_breaks_cannot_block_mail_or_bookings(
    client, db, app, monkeypatch, outbox
):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # nothing listens: every send fails
    village = make_village()
    make_user(villages=[village], email="host@example.com")
    slot = make_slot(experience=make_experience(village=village, title_vi="Gốm\r\nBcc: x@evil.com"))
    other = make_slot()
    db.session.commit()
    for target in (slot, other):
        response = client.post(
            "/api/v1/bookings", json={"slot_ids": [target.id], "adults": 1, "contact": CONTACT}
        )
        assert response.status_code == 201
    assert all("\n" not in message.subject and "\r" not in message.subject for message in outbox())
    assert all(message.error for message in outbox())  # recorded, not retried forever


def test_booking_a_departure_leaves_other_holds_alone(app, db):
    stale = make_slot(
        experience=make_experience(confirmation_mode="on_request"),
        starts_at=utcnow() + timedelta(days=10),
    )
    departure = make_departure()
    db.session.commit()
    with app.test_request_context():
        bookings.request_booking(request([stale.id]), None, utcnow() - timedelta(hours=100))
        bookings.request_booking(request(departure_id=departure.id), None, utcnow())
    item = db.session.scalar(select(BookingItem).where(BookingItem.slot_id == stale.id))
    assert item.status == "pending"  # the departure booking did not lapse it
    with app.test_request_context():
        assert bookings.expire_holds(utcnow()) == 1
    events = db.session.scalars(
        select(BookingEvent).where(BookingEvent.item_id == item.id).order_by(BookingEvent.id)
    )
    assert [(event.from_status, event.to_status) for event in events] == [
        ("", "pending"),
        ("pending", "expired"),
    ]


def test_cancelling_a_departure_gives_back_its_workshop_reservations(app, db):
    departure = make_departure()
    user = make_user(operator=departure.tour.operator.name)
    slot = make_slot(capacity=10, starts_at=departure.starts_at + timedelta(hours=1))
    db.session.commit()
    with app.test_request_context():
        reservation = bookings.BookingRequest(
            slot_ids=(slot.id,),
            adults=3,
            children=0,
            name="Trails",
            email="op@example.com",
            phone="-",
            for_departure_id=departure.id,
        )
        bookings.request_booking(reservation, user, utcnow())
        departures.cancel_departure(departure.id, user, "Storm", utcnow())
    db.session.expire_all()
    assert db.session.get(Slot, slot.id).booked == 0


def test_moving_a_departure_item_is_refused_not_a_crash(client, db):
    departure = make_departure()
    slot = make_slot()
    db.session.commit()
    body = client.post(
        "/api/v1/bookings", json={"departure_id": departure.id, "adults": 1, "contact": CONTACT}
    ).get_json()
    path, token = body["manage_url"].split("?token=")
    path = path.split("://", 1)[1].split("/", 1)[1]
    item_id = body["items"][0]["id"]
    response = client.post(f"/{path}/items/{item_id}/move?token={token}", data={"slot_id": slot.id})
    assert response.status_code == 302  # back to the page, with the message flashed
    assert body["items"][0]["title_en"] and body["items"][0]["starts_at"].endswith("+07:00")


def test_a_closed_day_or_a_hidden_village_takes_no_new_booking(app, db):
    village = make_village()
    host = make_user(villages=[village])
    slot = make_slot(
        experience=make_experience(village=village), starts_at=utcnow() + timedelta(days=6)
    )
    hidden = make_slot(experience=make_experience(village=make_village(is_published=False)))
    db.session.commit()
    from app.errors import Conflict
    from app.timeutil import to_local

    with app.test_request_context():
        bookings.request_booking(request([slot.id]), None, utcnow())
        slot_services.add_closed_day(
            village.slug, host, to_local(slot.starts_at).date(), "", utcnow()
        )
        for target in (slot, hidden):
            with pytest.raises(Conflict):
                bookings.request_booking(request([target.id]), None, utcnow())


def test_a_slot_with_booking_history_is_closed_not_deleted(app, db):
    village = make_village()
    host = make_user(villages=[village])
    experience = make_experience(village=village)
    db.session.commit()
    now = utcnow()
    start = (now + timedelta(days=2)).date()
    with app.test_request_context():
        report = slot_services.save_rule(
            experience.id,
            host,
            {
                "weekdays": list(range(7)),
                "start_times": "09:00",
                "starts_on": start,
                "ends_on": start + timedelta(days=3),
                "capacity": 5,
            },
            now,
        )
        first = db.session.scalar(select(Slot).order_by(Slot.starts_at))
        booking, token, _ = bookings.request_booking(request([first.id]), None, now)
        bookings.guest_cancel(booking.reference, token, now)
        slot_services.delete_rule(report.rule_id, host, now)
    kept = db.session.get(Slot, first.id)
    assert kept is not None and kept.status == "cancelled"
    assert db.session.scalar(select(BookingItem)).slot_id == first.id


@pytest.mark.parametrize(
    "path",
    [
        f"/villages/?page={HUGE}",
        f"/workshops/?min_price={HUGE}",
        f"/api/v1/villages?page={HUGE}",
        f"/workshops/{HUGE}",
        f"/tours/{HUGE}",
        f"/api/v1/experiences/{HUGE}/slots",
        f"/bookings/new?slot_id={HUGE}",
        f"/bookings/new?departure_id={HUGE}",
        "/workshops/?date=9999-12-31",
        "/api/v1/experiences?date=0001-01-01",
    ],
)
def test_absurd_numbers_and_dates_get_a_4xx(client, db, path):
    assert 400 <= client.get(path).status_code < 500


def test_absurd_ids_in_json_get_a_400(client, db):
    response = client.post(
        "/api/v1/bookings", json={"slot_ids": [int(HUGE)], "adults": 1, "contact": CONTACT}
    )
    assert response.status_code == 400 and "slot_ids.0" in response.get_json()["error"]["fields"]
