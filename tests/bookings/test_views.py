"""Booking pages through HTTP: book, the one-time form token, manage, cancel, move, host pages."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from app.bookings.models import Booking, BookingItem
from app.experiences.models import Slot
from app.timeutil import utcnow
from tests.factories import make_experience, make_slot, make_user, make_village

GUEST = {
    "name": "Mai",
    "email": "mai@example.com",
    "phone": "0912 345 678",
    "adults": 2,
    "children": 1,
    "note": "",
    "form_token": "x" * 24,
}


def future_slot(db, **experience):
    slot = make_slot(
        experience=make_experience(**experience),
        starts_at=utcnow().replace(microsecond=0) + timedelta(days=4),
    )
    db.session.commit()
    return slot


def manage_link(response) -> str:
    return response.location


def test_book_a_slot_from_the_form_and_land_on_the_manage_page(client, db):
    slot = future_slot(db)
    page = client.get(f"/bookings/new?slot_id={slot.id}&adults=3").get_data(as_text=True)
    assert 'name="form_token"' in page and 'value="3"' in page
    response = client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST)
    assert response.status_code == 302
    landing = client.get(manage_link(response)).get_data(as_text=True)
    reference = db.session.scalar(select(Booking.reference))
    assert reference in landing and "Thank you" in landing and "confirmed" in landing


def test_posting_the_same_form_twice_books_once(client, db):
    slot = future_slot(db)
    first = client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST)
    second = client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST)
    assert first.location == second.location
    assert db.session.scalar(select(func.count(Booking.id))) == 1
    assert db.session.get(Slot, slot.id).booked == 3


def test_a_planned_day_books_all_or_nothing(client, db):
    free = future_slot(db)
    full = future_slot(db)
    full.booked = full.capacity - 1
    db.session.commit()
    response = client.post(f"/bookings/new?slot_id={free.id}&slot_id={full.id}", data=GUEST)
    assert response.status_code == 422
    assert "Nothing was booked" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Slot, free.id).booked == 0
    assert db.session.scalar(select(func.count(BookingItem.id))) == 0


def test_bad_fields_are_named(client, db):
    slot = future_slot(db)
    response = client.post(
        f"/bookings/new?slot_id={slot.id}",
        data={**GUEST, "email": "nope", "phone": "call me", "adults": 0},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    for name in ("email", "phone", "adults"):
        assert f'id="{name}-error"' in body
    assert db.session.scalar(select(func.count(Booking.id))) == 0


def test_manage_page_needs_the_right_token(client, db):
    slot = future_slot(db)
    link = client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST).location
    reference = re.search(r"/bookings/(LN-\w+)", link).group(1)
    assert client.get(f"/bookings/{reference}?token=guess").status_code == 404
    assert client.get(f"/bookings/{reference}").status_code == 404
    assert client.get(link).status_code == 200


def test_guest_cancels_and_moves_from_the_manage_page(client, db):
    slot = future_slot(db)
    other = make_slot(experience=slot.experience, starts_at=slot.starts_at + timedelta(days=1))
    db.session.commit()
    link = client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST).location
    path, token = link.split("?token=")
    item = db.session.scalar(select(BookingItem))
    client.post(f"{path}/items/{item.id}/move?token={token}", data={"slot_id": other.id})
    db.session.expire_all()
    assert (db.session.get(Slot, slot.id).booked, db.session.get(Slot, other.id).booked) == (0, 3)
    page = client.post(
        f"{path}/cancel?token={token}", data={"item_id": item.id}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Cancelled" in page
    db.session.expire_all()
    assert db.session.get(Slot, other.id).booked == 0


def test_host_inbox_confirm_and_manifest(client, db, login_as):
    village = make_village()
    host = make_user(villages=[village])
    slot = make_slot(
        experience=make_experience(
            village=village, confirmation_mode="on_request", title_en="Lacquer panel"
        ),
        starts_at=utcnow() + timedelta(days=6),
    )
    db.session.commit()
    client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST)
    login_as(host)
    inbox = client.get("/host/bookings/").get_data(as_text=True)
    assert "Lacquer panel" in inbox and "Mai" in inbox
    item = db.session.scalar(select(BookingItem))
    client.post(f"/host/bookings/items/{item.id}/confirm", data={"message": "Welcome"})
    db.session.expire_all()
    assert db.session.get(BookingItem, item.id).status == "confirmed"
    manifest = client.get(f"/host/bookings/slots/{slot.id}/manifest.csv")
    assert manifest.mimetype == "text/csv" and "Mai" in manifest.get_data(as_text=True)


def test_another_host_cannot_answer_or_read_the_manifest(client, db, login_as):
    slot = future_slot(db, confirmation_mode="on_request")
    client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST)
    login_as(make_user(villages=[make_village()]))
    item = db.session.scalar(select(BookingItem))
    assert client.post(f"/host/bookings/items/{item.id}/confirm").status_code == 403
    assert client.get(f"/host/bookings/slots/{slot.id}/manifest").status_code == 403
    assert client.get(f"/host/bookings/slots/{slot.id}/manifest.csv").status_code == 403
    assert db.session.get(BookingItem, item.id).status == "pending"


def test_logged_in_visitor_sees_my_bookings(client, db, login_as):
    slot = future_slot(db, title_en="Throw a pot")
    login_as(make_user())
    client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST)
    page = client.get("/bookings/mine").get_data(as_text=True)
    assert "Throw a pot" in page and "LN-" in page


def test_host_dashboard_counts_requests_waiting_for_an_answer(client, db, login_as):
    village = make_village()
    host = make_user(villages=[village])
    slot = make_slot(
        experience=make_experience(village=village, confirmation_mode="on_request"),
        starts_at=utcnow() + timedelta(days=6),
    )
    db.session.commit()
    client.post(f"/bookings/new?slot_id={slot.id}", data=GUEST)
    login_as(host)
    page = client.get("/host/").get_data(as_text=True)
    assert re.search(r'id="waiting-requests">Booking requests <span[^>]*>1</span>', page)
