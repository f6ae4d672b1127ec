"""A tour's meeting point: required to publish, one source shown the same everywhere, and the
migration that gives existing tours the meeting point their public page promised."""

import re

import pytest
from flask_migrate import upgrade
from icalendar import Calendar
from sqlalchemy import create_engine, select, text

from app import create_app
from app.extensions import db as _db
from app.operators.models import Tour
from tests.conftest import POSTGRES_URL
from tests.factories import make_departure, make_tour, make_user, make_village

OPERA = "Nhà hát Lớn, 1 Tràng Tiền"
OPERA_POINT = (21.0243, 105.8575)
TOUR_FORM = {
    "title_vi": "Gốm",
    "title_en": "Pottery",
    "duration_minutes": 300,
    "price_adult_vnd": 750000,
    "languages": ["en"],
    "cutoff_hours": 12,
    "confirmation_mode": "instant",
    "is_published": "y",
}


@pytest.fixture()
def operator_user(db, login_as):
    user = make_user(operator="Hanoi Craft Trails")
    db.session.commit()
    return login_as(user)


def test_a_tour_cannot_be_published_without_a_meeting_point(client, db, operator_user):
    response = client.post("/operator/tours/new", data=TOUR_FORM)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="meeting_point-error"' in page and "required to publish" in page
    assert db.session.scalar(select(Tour)) is None


def test_a_published_tour_needs_its_meeting_point_on_the_map(client, db, operator_user):
    response = client.post("/operator/tours/new", data={**TOUR_FORM, "meeting_point": OPERA})
    assert response.status_code == 422
    assert 'id="meeting_lat-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(Tour)) is None


def test_a_draft_may_wait_for_its_meeting_point(client, db, operator_user):
    draft = {key: value for key, value in TOUR_FORM.items() if key != "is_published"}
    assert client.post("/operator/tours/new", data=draft).status_code == 302
    published = client.post(
        "/operator/tours/new",
        data={
            **TOUR_FORM,
            "meeting_point": OPERA,
            "meeting_lat": "21.0243",
            "meeting_lon": "105.8575",
        },
    )
    assert published.status_code == 302
    assert db.session.scalar(select(Tour).where(Tour.is_published)).meeting_geo == OPERA_POINT


def test_one_meeting_point_on_every_page_email_calendar_and_api(client, db, login_as, outbox):
    first_stop = make_village(name_vi="Bát Tràng", name_en="Bat Trang", lat=20.976, lon=105.913)
    tour = make_tour(
        meeting_point=OPERA,
        meeting_lat=OPERA_POINT[0],
        meeting_lon=OPERA_POINT[1],
        stops=[{"village": first_stop, "offset_minutes": 60, "stay_minutes": 90}],
    )
    departure = make_departure(tour=tour)
    owner = make_user(operator=tour.operator.name)
    db.session.commit()
    tour_page = client.get(f"/tours/{tour.id}").get_data(as_text=True)
    assert f"Meeting point:</strong> {OPERA}" in tour_page
    assert "[21.0243, 105.8575]" in tour_page  # the route map starts there
    form = client.get(f"/bookings/new?departure_id={departure.id}").get_data(as_text=True)
    assert f"Meeting point: {OPERA}" in form
    booked = client.post(
        "/bookings/new",
        data={"departure_id": departure.id, "name": "Mai", "email": "mai@example.com",
              "phone": "0901234567", "adults": 2, "children": 0},
    )  # fmt: skip
    manage = client.get(booked.headers["Location"]).get_data(as_text=True)
    assert f"data-meeting-point>{OPERA}<" in manage and "data-meeting-point>Bát Tràng" not in manage
    mail = next(m for m in outbox() if m.recipient == "mai@example.com")
    assert f"Meeting point: {OPERA}" in mail.body
    event = Calendar.from_ical(mail.attachment_body).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == OPERA
    assert (event["GEO"].latitude, event["GEO"].longitude) == OPERA_POINT
    api_tour = client.get("/api/v1/tours").get_json()["items"][0]
    assert api_tour["meeting_point"] == OPERA
    assert api_tour["meeting_point_location"] == {"lat": 21.0243, "lon": 105.8575}
    token = re.search(r"token=([\w-]+)", booked.headers["Location"]).group(1)
    reference = re.search(r"/bookings/(LN-\w+)", booked.headers["Location"]).group(1)
    api_booking = client.get(f"/api/v1/bookings/{reference}?token={token}").get_json()
    assert api_booking["items"][0]["meeting_point"] == OPERA
    login_as(owner)
    for path in (
        f"/operator/departures/{departure.id}",
        f"/operator/departures/{departure.id}/manifest",
    ):
        assert f"Meeting point:</strong> {OPERA}" in client.get(path).get_data(as_text=True), path


def migration_urls(tmp_path):
    yield f"sqlite:///{tmp_path / 'migration.db'}"
    if POSTGRES_URL:
        engine = create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS tours_migration CASCADE"))
            connection.execute(text("CREATE SCHEMA tours_migration"))
        engine.dispose()
        yield f"{POSTGRES_URL}?options=-csearch_path%3Dtours_migration"


def test_migration_gives_existing_tours_the_meeting_point_their_page_showed(tmp_path):
    for url in migration_urls(tmp_path):
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
        with app.app_context():
            upgrade(revision="0007_tours_meeting_point-1")
            _insert_old_tours()
            upgrade(revision="0007_tours_meeting_point")
            rows = _db.session.execute(
                text(
                    "SELECT slug, meeting_point, meeting_lat, meeting_lon FROM tours ORDER BY slug"
                )
            ).all()
            _db.session.remove()
            _db.engine.dispose()
        assert [tuple(row) for row in rows] == [
            ("empty", "Hồ Hoàn Kiếm (Hoàn Kiếm Lake)", 21.0287, 105.8524),
            ("named", OPERA, 21.0287, 105.8524),
        ], url


def _insert_old_tours() -> None:
    _db.session.execute(
        text("INSERT INTO operators (id, name, created_at) VALUES (1, 'Old', '2026-01-01')")
    )
    for slug, meeting in (("empty", ""), ("named", OPERA)):
        _db.session.execute(
            text(
                "INSERT INTO tours (operator_id, slug, title_vi, title_en, description_vi,"
                " description_en, inclusions_vi, inclusions_en, duration_minutes,"
                " price_adult_vnd, price_child_vnd, languages, meeting_point, cutoff_hours,"
                " confirmation_mode, is_published, created_at) VALUES (1, :slug, 't', 't', '',"
                " '', '', '', 300, 1, 0, 'vi', :meeting, 12, 'instant', true, '2026-01-01')"
            ),
            {"slug": slug, "meeting": meeting},
        )
    _db.session.commit()


def test_a_tour_cannot_be_made_shorter_than_its_stops(client, db, operator_user):
    tour = make_tour(operator=operator_user.operator, stops=[
        {"village": make_village(), "offset_minutes": 60, "stay_minutes": 180}
    ])  # fmt: skip
    db.session.commit()
    data = {**TOUR_FORM, "meeting_point": OPERA, "meeting_lat": "21.0243",
            "meeting_lon": "105.8575", "duration_minutes": 200}  # fmt: skip
    response = client.post(f"/operator/tours/{tour.id}/edit", data=data)
    assert response.status_code == 422
    assert "The stops end 240 minutes after departure" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Tour, tour.id).duration_minutes == 300
