"""Workshop pages and host slot management through HTTP, with the clock of the real world."""

import os
import time as systime
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.experiences.models import Experience, Slot, SlotRule
from app.experiences.schedule import public_holidays
from app.timeutil import to_local, utcnow
from tests.factories import make_experience, make_slot, make_user, make_village


@pytest.fixture()
def host(db, login_as):
    village = make_village(slug="bat-trang", name_vi="Làng gốm Bát Tràng")
    user = login_as(make_user(villages=[village]))
    db.session.commit()
    return user


def local_day(days_ahead: int) -> str:
    return (to_local(utcnow()) + timedelta(days=days_ahead)).date().isoformat()


EXPERIENCE = {
    "title_vi": "Vuốt gốm",
    "title_en": "Throw a pot",
    "duration_minutes": 120,
    "price_adult_vnd": 150000,
    "price_child_vnd": 100000,
    "min_party": 1,
    "max_party": 12,
    "languages": ["vi", "en"],
    "confirmation_mode": "instant",
    "cutoff_hours": 12,
    "is_published": "y",
}


def test_host_creates_a_workshop_and_opens_weekly_slots(client, db, host):
    response = client.post("/host/villages/bat-trang/experiences/new", data=EXPERIENCE)
    assert response.status_code == 302
    experience = db.session.scalar(select(Experience))
    assert (experience.languages, experience.village.slug) == ("vi,en", "bat-trang")
    rule = {
        "weekdays": ["0", "1", "2", "3", "4", "5", "6"],
        "start_times": "09:00, 14:00",
        "starts_on": local_day(1),
        "ends_on": local_day(14),
        "capacity": "6",
    }
    opened = client.post(
        f"/host/experiences/{experience.id}/rules", data=rule, follow_redirects=True
    )
    assert "slots opened" in opened.get_data(as_text=True)
    first, last = date.fromisoformat(local_day(1)), date.fromisoformat(local_day(14))
    open_days = 14 - len(public_holidays(first, last))
    assert len(db.session.scalars(select(Slot)).all()) == 2 * open_days
    assert db.session.scalar(select(SlotRule)).capacity == 6


def test_invalid_workshop_form_names_the_fields_and_saves_nothing(client, db, host):
    bad = {**EXPERIENCE, "min_party": 5, "max_party": 2, "price_adult_vnd": -1}
    response = client.post("/host/villages/bat-trang/experiences/new", data=bad)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="max_party-error"' in body and 'id="price_adult_vnd-error"' in body
    assert db.session.scalar(select(Experience)) is None


def test_a_past_one_off_slot_is_refused_through_the_form(client, db, host):
    experience = make_experience(village=host.hostings[0].village)
    db.session.commit()
    yesterday = (to_local(utcnow()) - timedelta(days=1)).strftime("%Y-%m-%dT09:00")
    response = client.post(
        f"/host/experiences/{experience.id}/slots", data={"starts_at": yesterday, "capacity": 5}
    )
    assert response.status_code == 422 and "in the past" in response.get_data(as_text=True)
    assert db.session.scalar(select(Slot)) is None


def test_capacity_below_booked_is_refused_through_the_form(client, db, host):
    slot = make_slot(experience=make_experience(village=host.hostings[0].village), booked=5)
    db.session.commit()
    page = client.post(
        f"/host/slots/{slot.id}/capacity", data={"capacity": 3}, follow_redirects=True
    ).get_data(as_text=True)
    assert "already booked" in page
    assert db.session.get(Slot, slot.id).capacity == 10


def test_another_villages_host_gets_403_and_changes_nothing(client, db, login_as):
    experience = make_experience()
    slot = make_slot(experience=experience)
    login_as(make_user(villages=[make_village()]))
    db.session.commit()
    assert client.get(f"/host/experiences/{experience.id}/edit").status_code == 403
    assert (
        client.post(f"/host/experiences/{experience.id}/edit", data=EXPERIENCE).status_code == 403
    )
    assert client.post(f"/host/slots/{slot.id}/capacity", data={"capacity": 1}).status_code == 403
    assert client.post(f"/host/slots/{slot.id}/close").status_code == 403
    db.session.expire_all()
    assert db.session.get(Slot, slot.id).capacity == 10
    assert db.session.get(Experience, experience.id).title_en != "Throw a pot"


def test_a_visitor_cannot_enter_the_host_pages(client, db, login_as):
    login_as(make_user())
    db.session.commit()
    assert client.get("/host/experiences/").status_code == 403
    assert client.get("/host/calendar").status_code == 403


@pytest.mark.parametrize("server_zone", ["UTC", "America/New_York", "Asia/Tokyo"])
def test_slot_times_are_hanoi_times_whatever_the_servers_zone(client, db, host, server_zone):
    old = os.environ.get("TZ")
    os.environ["TZ"] = server_zone
    systime.tzset()
    try:
        experience = make_experience(village=host.hostings[0].village)
        db.session.commit()
        day = local_day(10)
        client.post(
            f"/host/experiences/{experience.id}/slots",
            data={"starts_at": f"{day}T09:00", "capacity": 5},
        )
        slot = db.session.scalar(select(Slot))
        assert slot.starts_at == datetime.fromisoformat(f"{day}T02:00").replace(tzinfo=UTC)
        api = client.get(f"/api/v1/experiences/{experience.id}/slots?from={day}&to={day}")
        assert api.get_json()[0]["starts_at"] == f"{day}T09:00:00+07:00"
        page = client.get(f"/host/experiences/{experience.id}/slots").get_data(as_text=True)
        assert "09:00 (GMT+7)" in page
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        systime.tzset()


def test_workshops_list_filters_by_date_language_and_price(client, db):
    cheap = make_experience(title_en="Paint a cup", price_adult_vnd=80_000, languages="vi")
    dear = make_experience(title_en="Lacquer panel", price_adult_vnd=450_000, languages="vi,fr")
    make_slot(experience=cheap, starts_at=utcnow() + timedelta(days=2))
    make_slot(experience=dear, starts_at=utcnow() + timedelta(days=5), booked=10, capacity=10)
    db.session.commit()

    def titles(query: str) -> list[str]:
        return [
            item["title_en"]
            for item in client.get(f"/api/v1/experiences?{query}").get_json()["items"]
        ]

    assert titles("") == ["Paint a cup", "Lacquer panel"]
    assert titles("language=fr") == ["Lacquer panel"]
    assert titles("min_price=100000") == ["Lacquer panel"]
    assert titles("max_price=100000") == ["Paint a cup"]
    slot_day = to_local(utcnow() + timedelta(days=2)).date().isoformat()
    assert titles(f"date={slot_day}") == ["Paint a cup"]
    full_day = to_local(utcnow() + timedelta(days=5)).date().isoformat()
    assert titles(f"date={full_day}") == []  # its only slot is full
    page = client.get("/workshops/?q=paint").get_data(as_text=True)
    assert "Paint a cup" in page and "Lacquer panel" not in page


def test_experience_page_has_the_calendar_and_the_village_lists_it(client, db):
    experience = make_experience(title_en="Throw a pot")
    make_slot(experience=experience)
    db.session.commit()
    page = client.get(f"/workshops/{experience.id}").get_data(as_text=True)
    assert 'id="slot-calendar"' in page and "150.000 ₫" in page
    village_page = client.get(f"/villages/{experience.village.slug}").get_data(as_text=True)
    assert "Throw a pot" in village_page
    api = client.get(f"/api/v1/villages/{experience.village.slug}").get_json()
    assert [item["title_en"] for item in api["experiences"]] == ["Throw a pot"]


def test_unpublished_workshop_is_404_everywhere(client, db):
    experience = make_experience(is_published=False)
    db.session.commit()
    assert client.get(f"/workshops/{experience.id}").status_code == 404
    assert client.get(f"/api/v1/experiences/{experience.id}/slots").status_code == 404


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("from=2026-13-01", 400, "from"),  # not a date: breaks the document
        ("from=2027-01-10&to=2027-01-01", 422, "to"),  # dates, but no range: a rule
        ("from=2027-01-01&to=2027-12-31", 422, "to"),
    ],
)
def test_bad_slot_ranges_get_the_error_format(client, db, query, status, field):
    experience = make_experience()
    db.session.commit()
    response = client.get(f"/api/v1/experiences/{experience.id}/slots?{query}")
    assert response.status_code == status and field in response.get_json()["error"]["fields"]


def test_host_calendar_shows_the_month_of_slots(client, db, host):
    experience = make_experience(village=host.hostings[0].village, title_en="Throw a pot")
    slot = make_slot(experience=experience, booked=3, capacity=8)
    db.session.commit()
    month = to_local(slot.starts_at).strftime("%Y-%m")
    page = client.get(f"/host/calendar?month={month}").get_data(as_text=True)
    assert "Throw a pot" in page and "3/8" in page
    assert client.get("/host/calendar?month=2026-13").status_code == 400


def test_a_workshop_photo_is_stored_reencoded_and_shown(
    client, db, host, tmp_path, app, monkeypatch
):
    import io

    from PIL import Image

    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path))
    picture = io.BytesIO()
    Image.new("RGB", (2400, 1200), (180, 90, 40)).save(picture, "PNG")
    picture.seek(0)
    response = client.post(
        "/host/villages/bat-trang/experiences/new",
        data={**EXPERIENCE, "photo": (picture, "kiln.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    experience = db.session.scalar(select(Experience))
    with Image.open(tmp_path / experience.photo_path) as stored:
        assert max(stored.size) <= 1600
    assert 'id="experience-photo"' in client.get(f"/workshops/{experience.id}").get_data(
        as_text=True
    )
    bad = client.post(
        f"/host/experiences/{experience.id}/edit",
        data={**EXPERIENCE, "photo": (io.BytesIO(b"not an image"), "x.png")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422
    db.session.expire_all()
    assert db.session.get(Experience, experience.id).photo_path == experience.photo_path
