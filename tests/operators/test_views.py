"""Operator pages and the public tours through HTTP."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.bookings.models import BookingItem
from app.operators.models import Departure, Guide, Tour
from app.timeutil import to_local, utcnow
from tests.factories import make_departure, make_tour, make_user


@pytest.fixture()
def operator_user(db, login_as):
    user = make_user(operator="Hanoi Craft Trails")
    db.session.commit()
    return login_as(user)


def book_departure(client, departure, name="Mai"):
    return client.post(
        "/api/v1/bookings",
        json={
            "departure_id": departure.id,
            "adults": 2,
            "children": 1,
            "contact": {"name": name, "email": "mai@example.com", "phone": "0901234567"},
        },
    )


def test_operator_creates_a_tour_adds_a_stop_and_schedules_a_departure(
    client, db, operator_user, seeded
):
    response = client.post(
        "/operator/tours/new",
        data={
            "title_vi": "Gốm Bát Tràng",
            "title_en": "Bat Trang pottery",
            "duration_minutes": 300,
            "price_adult_vnd": 750000,
            "price_child_vnd": 500000,
            "languages": ["en"],
            "cutoff_hours": 12,
            "confirmation_mode": "instant",
            "meeting_point": "Hồ Hoàn Kiếm, 1 Đinh Tiên Hoàng",
            "meeting_lat": "21.0287",
            "meeting_lon": "105.8524",
            "is_published": "y",
        },
    )
    assert response.status_code == 302
    tour = db.session.scalar(select(Tour))
    client.post(
        f"/operator/tours/{tour.id}/stops",
        data={"place": "v:bat-trang", "offset_minutes": 60, "stay_minutes": 120},
    )
    assert len(tour.stops) == 1
    client.post("/operator/guides", data={"name": "Hà", "languages": "vi,en"})
    guide = db.session.scalar(select(Guide))
    starts = (to_local(utcnow()) + timedelta(days=6)).strftime("%Y-%m-%dT08:00")
    made = client.post(
        f"/operator/tours/{tour.id}/departures",
        data={"starts_at": starts, "capacity": 12, "guide_id": guide.id, "vehicle_id": 0},
    )
    assert made.status_code == 302
    clash = client.post(
        f"/operator/tours/{tour.id}/departures",
        data={
            "starts_at": starts.replace("08:00", "10:00"),
            "capacity": 12,
            "guide_id": guide.id,
            "vehicle_id": 0,
        },
    )
    assert clash.status_code == 422 and "already on" in clash.get_data(as_text=True)
    page = client.get(f"/tours/{tour.id}").get_data(as_text=True)
    assert "Bat Trang pottery" in page and "seats left" in page and "folium-map" in page


def test_public_tours_and_api_show_remaining_seats(client, db):
    departure = make_departure(capacity=10)
    db.session.commit()
    assert book_departure(client, departure).status_code == 201
    tours = client.get("/api/v1/tours").get_json()
    assert tours["total"] == 1 and tours["items"][0]["stops"]
    seats = client.get(f"/api/v1/tours/{departure.tour_id}/departures").get_json()
    assert seats[0]["remaining"] == 7 and seats[0]["starts_at"].endswith("+07:00")
    assert "Tour" in client.get("/tours/").get_data(as_text=True)


def test_unpublished_tours_are_hidden(client, db):
    tour = make_tour(is_published=False)
    db.session.commit()
    assert client.get(f"/tours/{tour.id}").status_code == 404
    assert client.get(f"/api/v1/tours/{tour.id}/departures").status_code == 404


def test_manifest_csv_and_ownership(client, db, login_as):
    departure = make_departure()
    owner = make_user(operator=departure.tour.operator.name)
    stranger = make_user(operator="Other Tours")
    db.session.commit()
    book_departure(client, departure, name="Lan")
    login_as(stranger)
    for path in (
        f"/operator/departures/{departure.id}/manifest",
        f"/operator/departures/{departure.id}/manifest.csv",
        f"/operator/departures/{departure.id}",
    ):
        assert client.get(path).status_code == 403, path
    item = db.session.scalar(select(BookingItem))
    assert (
        client.post(
            f"/operator/manifest/items/{item.id}/check-in", data={"present": "1"}
        ).status_code
        == 403
    )
    client.post("/auth/logout")
    login_as(owner)
    csv_text = client.get(f"/operator/departures/{departure.id}/manifest.csv").get_data(
        as_text=True
    )
    assert "Lan" in csv_text and csv_text.count("\n") == 2
    client.post(f"/operator/manifest/items/{item.id}/check-in", data={"present": "1"})
    db.session.expire_all()
    assert db.session.get(BookingItem, item.id).checked_in_at is not None


def test_calendar_week_and_month_and_the_report(client, db, login_as):
    departure = make_departure(capacity=10)
    user = make_user(operator=departure.tour.operator.name)
    db.session.commit()
    book_departure(client, departure)
    login_as(user)
    day = to_local(departure.starts_at).date().isoformat()
    for view in ("week", "month"):
        page = client.get(f"/operator/calendar?view={view}&date={day}").get_data(as_text=True)
        assert "3/10" in page, view
    report = client.get(f"/operator/report?date={day}").get_data(as_text=True)
    assert 'id="chart-weeks"' in report and "30% (3/10)" in report
    assert client.get("/operator/calendar?date=nope").status_code == 400


def test_a_visitor_cannot_enter_the_operator_workspace(client, db, login_as):
    login_as(make_user())
    db.session.commit()
    assert client.get("/operator/").status_code == 403


def test_cancelling_a_departure_cancels_and_tells_its_guests(client, db, login_as, outbox):
    departure = make_departure()
    user = make_user(operator=departure.tour.operator.name)
    db.session.commit()
    book_departure(client, departure)
    login_as(user)
    refused = client.post(
        f"/operator/departures/{departure.id}/cancel", data={"reason": ""}, follow_redirects=True
    )
    assert "reason" in refused.get_data(as_text=True)
    client.post(f"/operator/departures/{departure.id}/cancel", data={"reason": "Storm"})
    db.session.expire_all()
    assert db.session.get(Departure, departure.id).status == "cancelled"
    assert db.session.get(Departure, departure.id).booked == 0
    assert any(
        message.kind == "booking_cancelled" and "Storm" in message.body for message in outbox()
    )


def test_operator_confirms_a_request_on_an_on_request_tour(client, db, login_as):
    from app.operators.models import Tour

    departure = make_departure()
    db.session.get(Tour, departure.tour_id).confirmation_mode = "on_request"
    user = make_user(operator=departure.tour.operator.name)
    host = make_user(villages=[departure.tour.stops[0].village])
    db.session.commit()
    assert book_departure(client, departure).get_json()["status"] == "pending"
    item = db.session.scalar(select(BookingItem))
    login_as(host)
    assert client.post(f"/operator/items/{item.id}/confirm").status_code == 403
    client.post("/auth/logout")
    login_as(user)
    client.post(f"/operator/items/{item.id}/confirm")
    db.session.expire_all()
    assert db.session.get(BookingItem, item.id).status == "confirmed"
