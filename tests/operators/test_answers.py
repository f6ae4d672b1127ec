"""Confirming or declining through /operator/items/<id>/…: the message limit and the admin."""

from sqlalchemy import select

from app.bookings.models import BookingItem
from tests.factories import make_departure, make_experience, make_slot, make_tour, make_user

CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "0901234567"}


def pending_departure_item(client, db) -> BookingItem:
    departure = make_departure(tour=make_tour(confirmation_mode="on_request"))
    db.session.commit()
    client.post(
        "/api/v1/bookings", json={"departure_id": departure.id, "adults": 1, "contact": CONTACT}
    )
    return db.session.scalar(select(BookingItem))


def test_operator_message_longer_than_the_hosts_limit_is_refused_naming_the_field(
    client, db, login_as
):
    item = pending_departure_item(client, db)
    login_as(make_user(operator=item.departure.tour.operator.name))
    db.session.commit()
    response = client.post(f"/operator/items/{item.id}/decline", data={"message": "x" * 501})
    assert response.status_code == 400
    assert "message" in response.get_data(as_text=True) and "500" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(BookingItem, item.id).status == "pending"


def test_operator_message_within_the_limit_reaches_the_guest(client, db, login_as, outbox):
    item = pending_departure_item(client, db)
    login_as(make_user(operator=item.departure.tour.operator.name))
    db.session.commit()
    response = client.post(f"/operator/items/{item.id}/confirm", data={"message": "x" * 500})
    assert response.status_code == 302
    assert outbox()[-1].kind == "booking_confirmed" and "x" * 500 in outbox()[-1].body


def test_admin_confirming_a_workshop_item_through_the_operator_door_lands_on_the_inbox(
    client, db, login_as
):
    slot = make_slot(experience=make_experience(confirmation_mode="on_request"))
    db.session.commit()
    client.post("/api/v1/bookings", json={"slot_ids": [slot.id], "adults": 1, "contact": CONTACT})
    item = db.session.scalar(select(BookingItem))
    login_as(make_user(role="admin"))
    db.session.commit()
    response = client.post(f"/operator/items/{item.id}/confirm")
    assert response.status_code == 302 and response.location.endswith("/host/bookings/")
    db.session.expire_all()
    assert db.session.get(BookingItem, item.id).status == "confirmed"
