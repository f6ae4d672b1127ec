"""The tour planner in a real browser: fill the form, see the map and timeline, drop, re-plan."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.timeutil import to_local, utcnow
from tests.trips.helpers import next_weekday

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def saturday() -> str:
    return next_weekday(5, to_local(utcnow()).date()).isoformat()


def fill_form(page) -> None:
    page.fill("#date", saturday())
    page.select_option("#place", "hoan-kiem")
    page.fill("#day_start", "08:00")
    page.fill("#day_end", "18:00")
    page.select_option("#mode", "car")
    page.fill("#adults", "2")
    page.select_option("#crafts", ["ceramics", "silk-weaving"])
    page.check("#lunch")


def test_fill_form_see_map_and_timeline_drop_and_replan(page, live_server):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/plan/")
    expect(page.locator("#lat")).to_have_value("21.0287")  # the known place filled it in
    fill_form(page)
    page.click("#plan-button")
    stops = page.locator(".ln-timeline-stop")
    expect(stops.first).to_be_visible()
    count = stops.count()
    assert count >= 3
    markers = page.locator(".ln-map--plan .ln-marker .ln-stop")
    expect(markers).to_have_count(count + 1)  # numbered stops and the start
    assert markers.nth(1).inner_text() == "1"
    expect(page.locator(".ln-map--plan path.leaflet-interactive")).to_have_count(1)
    first = stops.nth(0).get_attribute("data-key")
    stops.nth(0).get_by_role("link", name="Drop").click()
    expect(page.locator(f'.ln-timeline-stop[data-key="{first}"]')).to_have_count(0)
    expect(page.locator(".ln-timeline-stop").first).to_be_visible()
    page.locator("summary", has_text="Change the plan").click()
    page.select_option("#mode", "bicycle")
    page.click("#plan-button")
    expect(page).to_have_url(re.compile(r"drop=.*mode=bicycle"))
    expect(page.locator(".ln-timeline-stop").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert errors == []
    assert page.requested_hosts == {live_server.split("://", 1)[1]}


def test_clicking_the_map_sets_a_custom_start(page, live_server):
    page.goto(live_server + "/plan/")
    page.locator(".ln-map--picker .folium-map").click(position={"x": 60, "y": 60})
    expect(page.locator("#place")).to_have_value("")
    expect(page.locator("#lat")).not_to_have_value("21.0287")
    page.wait_for_load_state("networkidle")


def test_save_and_share(page, live_server):
    page.goto(live_server + "/plan/")
    fill_form(page)
    page.click("#plan-button")
    page.get_by_role("button", name="Save and share").click()
    expect(page).to_have_url(re.compile(r"/plan/s/[\w-]+$"))
    expect(page.locator(".ln-timeline-stop").first).to_be_visible()
    expect(page.get_by_role("link", name="Drop")).to_have_count(0)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900), ("phone", 390, 844)])
def test_screenshots(browser, live_server, name, width, height):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(live_server + "/plan/")
    expect(page.locator(".ln-map--picker .ln-marker")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"planner-form-{name}.png"), full_page=True)
    fill_form(page)
    page.click("#plan-button")
    expect(page.locator(".ln-map--plan .ln-marker").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / f"planner-result-{name}.png"), full_page=True)
    context.close()
