"""Vietnamese for real: the main pages in Vietnamese hold no English word outside proper names
and data (tests/vietnamese.py says how we look), and dates name their weekdays and months in
Vietnamese (Babel), on both databases."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest

from app.formatting import cldr_pattern, local_time
from app.timeutil import to_local, utcnow
from tests.trips.helpers import next_weekday
from tests.vietnamese import english_left, visible_text

GUEST = {"name": "Mai", "email": "mai@example.com", "phone": "0912 345 678", "adults": 2,
         "children": 0, "form_token": "v" * 24}  # fmt: skip
PLAN = {"place": "hoan-kiem", "day_start": "08:00", "day_end": "18:00",
        "mode": "car", "adults": "2", "children": "0", "lunch": "y", "max_stops": "4",
        "days": "1"}  # fmt: skip


def main_pages(client, db) -> list[str]:
    """Every main page a visitor meets, the booking journey included (it books on the way)."""
    from sqlalchemy import select

    from app.experiences.models import Experience, Slot
    from app.itineraries.models import Itinerary
    from app.operators.models import Tour
    from app.villages.models import Product

    experience = db.session.scalar(select(Experience).order_by(Experience.id))
    later = utcnow() + timedelta(days=2)  # well past any cut-off, whatever the hour
    slots = db.session.scalars(
        select(Slot)
        .where(Slot.experience_id == experience.id, Slot.starts_at > later)
        .order_by(Slot.starts_at)
    ).all()
    booked = client.post(f"/bookings/new?slot_id={slots[0].id}", data=GUEST)
    assert booked.status_code == 302, booked.get_data(as_text=True)
    manage = booked.location
    reference, token = re.search(r"/bookings/(LN-\w+)\?token=([\w-]+)", manage).groups()
    item = re.search(r'id="item-(\d+)"', client.get(manage).get_data(as_text=True)).group(1)
    saturday = next_weekday(5, to_local(utcnow()).date())
    return [
        "/", "/villages/", f"/villages/{experience.village.slug}", "/villages/?q=battrang",
        "/workshops/", f"/workshops/{experience.id}",
        "/tours/", f"/tours/{db.session.scalar(select(Tour.id))}",
        "/routes/", f"/routes/{db.session.scalar(select(Itinerary.slug))}",
        "/products/", f"/products/{db.session.scalar(select(Product.id))}",
        "/plan/", "/plan/?" + urlencode({**PLAN, "date": saturday.isoformat()}),
        f"/bookings/new?slot_id={slots[1].id}", manage,
        f"/bookings/{reference}/cancel?token={token}&item_id={item}",
        f"/bookings/{reference}/items/{item}/move?token={token}",
        "/auth/login",
    ]  # fmt: skip


def test_no_english_is_left_on_the_vietnamese_pages(client, db, demo):
    client.set_cookie("lang", "vi")
    left = {}
    for path in main_pages(client, db):
        response = client.get(path)
        assert response.status_code == 200, path
        words = english_left(visible_text(response.get_data(as_text=True)))
        if words:
            left[path] = sorted(set(words))
    assert left == {}


def test_booking_emails_in_vietnamese_hold_no_english(client, db, demo, outbox):
    client.set_cookie("lang", "vi")
    main_pages(client, db)  # books a workshop in Vietnamese
    mail = next(message for message in outbox() if message.recipient == GUEST["email"])
    assert english_left(re.sub(r"https?://\S+", " ", mail.body)) == []
    assert english_left(visible_text(mail.html_body)) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "Thứ Năm 04/03/2027 09:00 (GMT+7)"), ("en", "Thursday 04/03/2027 09:00 (GMT+7)")],
)
def test_weekdays_are_named_in_the_readers_language(language, expected):
    moment = datetime(2027, 3, 4, 2, 0, tzinfo=UTC)
    assert local_time(moment, "%A %d/%m/%Y %H:%M", language) == expected


def test_short_weekdays_and_months_too():
    moment = datetime(2027, 12, 6, 2, 0, tzinfo=UTC)
    assert local_time(moment, "%a %d %B", "vi") == "Thứ 2 06 tháng 12 (GMT+7)"
    assert local_time(moment, "%a %d %b", "en") == "Mon 06 Dec (GMT+7)"


@pytest.mark.parametrize(
    ("strftime", "cldr"),
    [("%d/%m/%Y %H:%M", "dd/MM/y HH:mm"), ("%A %d/%m", "EEEE dd/MM"), ("at %H", "'at' HH")],
)
def test_strftime_patterns_become_cldr_patterns(strftime, cldr):
    assert cldr_pattern(strftime) == cldr


def test_the_checker_finds_english_and_spares_marked_names():
    page = '<p>Đặt chỗ cho <b>2 adults</b> Thu 03/12</p><p lang="en">Bat Trang Ceramic Village</p>'
    assert english_left(visible_text(page)) == ["adults", "Thu"]
    assert english_left("Làng tre trúc Thu Hồng, OpenStreetMap") == []
