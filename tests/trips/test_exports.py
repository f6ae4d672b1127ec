"""A planned day's calendar file describes each visit: what, which village, where to meet, and
the link that books the workshop's slot (a plan is not a booking yet)."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from icalendar import Calendar

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)  # Monday 08:00 in Hanoi
PLAN = {"date": "2027-03-06", "place": "hoan-kiem", "day_start": "08:00", "day_end": "18:00",
        "mode": "car", "adults": "2", "children": "0", "max_stops": "4", "days": "1"}  # fmt: skip


@pytest.fixture()
def frozen_demo(runner):
    with time_machine.travel(NOW, tick=False):
        assert runner.invoke(args=["seed"]).exit_code == 0
        yield NOW


def test_plan_calendar_describes_each_workshop_visit(client, frozen_demo):
    events = Calendar.from_ical(client.get("/plan/plan.ics", query_string=PLAN).data).walk("VEVENT")
    workshops = [event for event in events if "Workshop: " in str(event.get("DESCRIPTION", ""))]
    assert workshops
    for event in workshops:
        description = str(event["DESCRIPTION"])
        assert "Slot " not in description
        assert "Village: " in description and "Meeting point: " in description
        assert " — " in str(event["SUMMARY"])  # "2. Throw a pot — Bát Tràng"
        link = urlsplit(str(event["URL"]))
        assert link.path == "/bookings/new" and str(event["URL"]) in description
        assert client.get(f"{link.path}?{link.query}").status_code == 200
