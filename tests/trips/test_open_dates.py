"""A plan for a day past the last open workshop date says so (page, API, multi-day trips)
instead of silently offering village walks only; the clock is frozen at a month end."""

from datetime import datetime

import pytest

from app.timeutil import HANOI
from tests.factories import make_experience, make_slot, make_village

NOV_30 = datetime(2026, 11, 30, 15, 0, tzinfo=HANOI)
NOTICE = "Workshops are open for booking until Saturday 19 December 2026"


@pytest.fixture()
def open_until_dec_19(db, time_machine):
    """One workshop near Hoàn Kiếm whose last open slot is on Saturday 19 December."""
    time_machine.move_to(NOV_30, tick=False)
    experience = make_experience(village=make_village(lat=21.04, lon=105.85))
    for day in (5, 12, 19):
        make_slot(experience=experience, starts_at=datetime(2026, 12, day, 10, tzinfo=HANOI))
    db.session.commit()
    return experience


def planner(on: str, **changes) -> dict:
    return {"date": on, "place": "hoan-kiem", "day_start": "08:00", "day_end": "18:00",
            "mode": "car", "adults": "2", "children": "0", "max_stops": "4", "days": "1",
            **changes}  # fmt: skip


def test_planner_page_says_until_when_workshops_are_open(client, open_until_dec_19):
    html = client.get("/plan/", query_string=planner("2026-12-26")).get_data(as_text=True)
    assert NOTICE in html and "ln-plan-notice" in html


def test_planner_page_has_no_notice_inside_the_open_dates(client, open_until_dec_19):
    html = client.get("/plan/", query_string=planner("2026-12-19")).get_data(as_text=True)
    assert "ln-plan-notice" not in html and f'data-key="e:{open_until_dec_19.id}"' in html


def test_api_plan_lists_the_notice_in_unplaced(client, open_until_dec_19):
    body = {"date": "2027-01-02", "start": {"lat": 21.0287, "lon": 105.8524}, "party": 2}
    answer = client.post("/api/v1/plan", json=body).get_json()
    [notice] = [item for item in answer["unplaced"] if item["kind"] == "notice"]
    assert notice["id"] == "workshops" and notice["code"] == "workshops_open_until"
    assert notice["reason"].startswith(NOTICE)
    assert all(stop["kind"] != "experience" for stop in answer["stops"])


def test_trip_days_past_the_open_dates_each_say_so(client, open_until_dec_19):
    html = client.get("/plan/", query_string=planner("2026-12-19", days="3")).get_data(as_text=True)
    assert html.count(NOTICE) == 2  # 20 and 21 December, not the 19th


def test_plan_says_plainly_when_no_workshop_is_open_at_all(client, db, time_machine):
    time_machine.move_to(NOV_30, tick=False)
    make_village(lat=21.04, lon=105.85)
    db.session.commit()
    html = client.get("/plan/", query_string=planner("2026-12-05")).get_data(as_text=True)
    assert "No workshop is open for booking at the moment" in html
