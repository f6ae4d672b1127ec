"""Booked items are listed in the order the guest lives them, whatever order they were made in:
the booking form, the manage page, the email, its calendar file and the API answer."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from icalendar import Calendar

from tests.factories import make_experience, make_slot, make_village

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
SATURDAY_9 = datetime(2027, 3, 6, 2, 0, tzinfo=UTC)  # 09:00 in Hanoi
GUEST = {"name": "Mai", "email": "mai@example.com", "phone": "0912 345 678", "adults": 2,
         "children": 0}  # fmt: skip


@pytest.fixture()
def day(db):
    """Two slots on one day whose ids run against their times: afternoon first."""
    with time_machine.travel(NOW, tick=False):
        afternoon = make_slot(
            experience=make_experience(village=make_village(), title_en="Afternoon lacquer"),
            starts_at=SATURDAY_9 + timedelta(hours=5),
        )
        morning = make_slot(
            experience=make_experience(village=make_village(), title_en="Morning pottery"),
            starts_at=SATURDAY_9,
        )
        db.session.commit()
        assert afternoon.id < morning.id
        yield afternoon, morning


def in_order(text: str) -> bool:
    return -1 < text.find("Morning pottery") < text.find("Afternoon lacquer")


def test_booked_items_are_listed_in_time_order_everywhere(client, db, outbox, day):
    afternoon, morning = day
    slots = {"slot_id": [afternoon.id, morning.id]}
    with time_machine.travel(NOW, tick=False):
        assert in_order(client.get("/bookings/new", query_string=slots).get_data(as_text=True))
        manage = client.post("/bookings/new", query_string=slots, data=GUEST).headers["Location"]
        assert in_order(client.get(manage).get_data(as_text=True))
        mail = outbox()[0]
        assert in_order(mail.body)
        events = Calendar.from_ical(mail.attachment_body).walk("VEVENT")
        assert [str(event["SUMMARY"]).split(" — ")[0] for event in events] == [
            "Morning pottery",
            "Afternoon lacquer",
        ]
        reference = re.search(r"/bookings/(LN-\w+)", manage).group(1)
        token = re.search(r"token=([\w-]+)", manage).group(1)
        answer = client.get(f"/api/v1/bookings/{reference}?token={token}").get_json()
    assert [item["title_en"] for item in answer["items"]] == [
        "Morning pottery",
        "Afternoon lacquer",
    ]
