"""The three calendars in a real browser with the clock frozen at a month end: each opens on
the month of its next open date, says so, marks today and greys the past days."""

import re
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from app.extensions import db
from app.timeutil import HANOI
from tests.factories import (
    PASSWORD,
    make_departure,
    make_experience,
    make_operator,
    make_slot,
    make_tour,
    make_user,
    make_village,
)

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
NOV_30 = datetime(2026, 11, 30, 15, 0, tzinfo=HANOI)
DEC_31 = datetime(2026, 12, 31, 18, 0, tzinfo=HANOI)
GREY = "rgb(244, 244, 244)"


def at(day: int, month: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=HANOI)


def offstage_village():
    """A village off the map and out of the other tests' searches: the live database is shared
    by every browser test."""
    return make_village(lat=None, lon=None, commune="Calendar test")


def workshop(title: str):
    return make_experience(village=offstage_village(), title_en=title)


def log_in(page, live_server, email: str) -> None:
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/auth/profile")


def assert_today_and_past(page, day: int, past: int) -> None:
    today = page.locator(".cal-today")
    expect(today).to_have_count(1)
    expect(today.locator(".cal-date")).to_have_text(re.compile(rf"^{day}\s+today$"))
    assert today.get_attribute("aria-current") == "date"
    expect(page.locator(".cal-past")).to_have_count(past)
    background = page.locator(".cal-past").first.evaluate("e => getComputedStyle(e).background")
    assert GREY in background


def test_workshop_calendar_opens_on_the_next_open_month_at_a_month_end(page, live_app, live_server):
    with time_machine.travel(NOV_30, tick=True):
        with live_app.app_context():
            slot = make_slot(experience=workshop("Month-end pot"), starts_at=at(2, 12))
            db.session.commit()
            url = f"{live_server}/workshops/{slot.experience_id}"
        page.goto(url)
        expect(page.locator(".cal-title")).to_have_text("December 2026")
        expect(page.locator("#cal-next-open")).to_have_text(
            "Next open date: Wednesday 2 December 2026"
        )
        expect(page.locator(".cal-slot")).to_have_count(1)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "calendar-month-end.png"), full_page=True)
        page.get_by_role("button", name="Previous month").click()
        expect(page.locator(".cal-title")).to_have_text("November 2026")
        assert_today_and_past(page, 30, past=29)
        assert page.get_by_role("button", name="Previous month").is_disabled()


def test_host_calendar_opens_on_the_next_open_month_at_a_month_end(page, live_app, live_server):
    with time_machine.travel(NOV_30, tick=True):
        with live_app.app_context():
            experience = workshop("Host month end")
            user = make_user(villages=[experience.village])
            make_slot(experience=experience, starts_at=at(4, 12), booked=2, capacity=8)
            db.session.commit()
            email = user.email
        log_in(page, live_server, email)
        page.goto(live_server + "/host/calendar")
        expect(page.get_by_role("heading", level=1)).to_contain_text("12/2026")
        expect(page.locator("#cal-next-open")).to_have_text(
            "Next open date: Friday 4 December 2026"
        )
        expect(page.locator(".cal-slot")).to_contain_text("2/8")
        page.get_by_role("link", name="Previous month").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("11/2026")
        assert_today_and_past(page, 30, past=29)


def test_operator_calendar_opens_on_the_next_open_month_on_31_december(page, live_app, live_server):
    with time_machine.travel(DEC_31, tick=True):
        with live_app.app_context():
            stop = {"village": offstage_village(), "offset_minutes": 0}
            tour = make_tour(operator=make_operator("Year End Tours"), stops=[stop])
            departure = make_departure(tour=tour, starts_at=at(12, 1, 2027))
            user = make_user(operator=departure.tour.operator.name)
            db.session.commit()
            email = user.email
        log_in(page, live_server, email)
        page.goto(live_server + "/operator/calendar?view=month")
        expect(page.get_by_role("heading", level=2)).to_contain_text("01/2027")
        expect(page.locator("#cal-next-open")).to_have_text(
            "Next open date: Tuesday 12 January 2027"
        )
        expect(page.locator(".cal-slot")).to_have_count(1)
        page.get_by_role("link", name="Earlier").click()
        expect(page.get_by_role("heading", level=2)).to_contain_text("12/2026")
        assert_today_and_past(page, 31, past=30)
