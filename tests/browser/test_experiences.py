"""Workshops in a real browser: the month calendar changes month without a reload; host views."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DEMO = json.loads(
    (Path(__file__).resolve().parents[2] / "data" / "demo_experiences.json").read_text(
        encoding="utf-8"
    )
)


def test_calendar_shows_places_left_and_changes_month_without_reloading(page, live_server):
    page.goto(live_server + "/workshops/?q=throw+a+pot")
    page.get_by_role("link", name="Throw a pot on the wheel").click()
    page.wait_for_selector("#slot-calendar .cal-slot")
    page.evaluate("window.__same_page = true")
    first_title = page.locator(".cal-title").inner_text()
    assert "12 left" in page.locator(".cal-slot").first.inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "experience-calendar.png"), full_page=True)
    page.get_by_role("button", name="Next month").click()
    expect(page.locator(".cal-title")).not_to_have_text(first_title)
    page.wait_for_selector("#slot-calendar .cal-slot")
    assert page.evaluate("window.__same_page") is True
    assert page.get_by_role("button", name="Previous month").is_enabled()


def test_host_sees_the_slot_calendar_and_the_slots_page(page, live_server):
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill("host.battrang@example.com")
    page.get_by_label("Password").fill(DEMO["password"])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert "/auth/profile" in page.url, page.locator("main").inner_text()
    page.goto(live_server + "/host/calendar")
    assert page.locator(".cal-slot").count() > 10
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "host-slot-calendar.png"), full_page=True)
    page.locator(".cal-slot").first.click()
    page.wait_for_url(re.compile(r"/host/experiences/\d+/slots$"))
    assert page.get_by_role("heading", name=re.compile("Slots")).count() >= 1
    page.screenshot(path=str(SHOTS / "host-slots.png"), full_page=True)
