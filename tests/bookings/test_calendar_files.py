"""The calendar file sent with each booking email says what the visit is: the workshop or tour,
its village(s), where to meet, the booking reference and the manage link."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from icalendar import Calendar

from tests.factories import make_departure, make_experience, make_slot, make_tour, make_village

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
GUEST = {"name": "Mai", "email": "mai@example.com", "phone": "0912 345 678", "adults": 2,
         "children": 0}  # fmt: skip


@pytest.fixture()
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def booked_event(client, outbox, **target):
    """Book through the guest form; the event of the first calendar file and the reference."""
    location = client.post("/bookings/new", query_string=target, data=GUEST).headers["Location"]
    reference = re.search(r"/bookings/(LN-\w+)", location).group(1)
    event = Calendar.from_ical(outbox()[0].attachment_body).walk("VEVENT")[0]
    return event, reference


def test_a_workshop_event_describes_the_visit(client, db, outbox, frozen):
    village = make_village(name_en="Bat Trang", name_vi="Bát Tràng", lat=20.976, lon=105.913)
    experience = make_experience(
        village=village, title_en="Throw a pot", meeting_point="Cổng đình Bát Tràng"
    )
    slot = make_slot(experience=experience, starts_at=NOW + timedelta(days=3))
    db.session.commit()
    event, reference = booked_event(client, outbox, slot_id=slot.id)
    description = str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == "Throw a pot — Bat Trang"
    assert str(event["LOCATION"]) == "Cổng đình Bát Tràng"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (20.976, 105.913)
    for line in (
        "Workshop: Throw a pot",
        "Village: Bat Trang",
        "Meeting point: Cổng đình Bát Tràng",
        f"Booking reference: {reference}",
    ):
        assert line in description, line  # fmt: skip
    manage = urlsplit(str(event["URL"]))
    assert manage.path == f"/bookings/{reference}" and str(event["URL"]) in description
    assert client.get(f"{manage.path}?{manage.query}").status_code == 200
    assert "Slot" not in description


def test_a_tour_event_describes_the_route_and_meeting_point(client, db, outbox, frozen):
    first = make_village(name_en="Bat Trang", name_vi="Bát Tràng")
    second = make_village(name_en="Kim Lan", name_vi="Kim Lan")
    tour = make_tour(
        title_en="Pottery morning",
        meeting_point="Nhà hát Lớn",
        stops=[
            {"village": first, "offset_minutes": 60, "stay_minutes": 90},
            {"village": second, "offset_minutes": 180, "stay_minutes": 60},
        ],
    )
    departure = make_departure(tour=tour, starts_at=NOW + timedelta(days=5))
    db.session.commit()
    event, reference = booked_event(client, outbox, departure_id=departure.id)
    description = str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == "Pottery morning — Bat Trang, Kim Lan"
    assert str(event["LOCATION"]) == "Nhà hát Lớn"
    for line in (
        "Tour: Pottery morning",
        "Route: Bat Trang, Kim Lan",
        "Meeting point: Nhà hát Lớn",
        f"Booking reference: {reference}",
    ):
        assert line in description, line  # fmt: skip


def test_a_vietnamese_guest_gets_the_calendar_in_vietnamese(client, db, outbox, frozen):
    village = make_village(name_en="Bat Trang", name_vi="Bát Tràng")
    experience = make_experience(village=village, title_en="Throw a pot", title_vi="Vuốt gốm")
    slot = make_slot(experience=experience, starts_at=NOW + timedelta(days=3))
    db.session.commit()
    client.set_cookie("lang", "vi")
    event, reference = booked_event(client, outbox, slot_id=slot.id)
    assert str(event["SUMMARY"]) == "Vuốt gốm — Bát Tràng"
    assert f"Mã đặt chỗ: {reference}" in str(event["DESCRIPTION"])
