"""Operators in a real browser: the public tour page and the workspace screens."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
DEMO = json.loads((ROOT / "data" / "demo_experiences.json").read_text(encoding="utf-8"))


def test_tour_page_has_its_route_map_and_books_a_departure(page, live_server):
    page.goto(live_server + "/tours/")
    page.get_by_role("link", name=re.compile("Bát Tràng ceramics", re.I)).click()
    page.wait_for_selector(".ln-marker")
    assert page.locator(".leaflet-interactive").count() >= 1  # the route line
    assert page.locator("#tour-stops li").count() == 2
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "tour-page.png"), full_page=True)
    assert page.requested_hosts == {live_server.split("://", 1)[1]}
    page.locator("#tour-departures a").first.click()
    page.wait_for_url(re.compile(r"/bookings/new\?departure_id=\d+"))
    page.get_by_label("Your name").fill("Tour Guest")
    page.get_by_label("Email").fill("tour.guest@example.com")
    page.get_by_label("Phone").fill("0901234567")
    page.get_by_role("button", name="Send the booking").click()
    page.wait_for_url(re.compile(r"/bookings/LN-\w+\?token="))


def test_operator_calendar_manifest_and_report(page, live_server):
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill("operator@example.com")
    page.get_by_label("Password").fill(DEMO["password"])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/auth/profile")
    page.goto(live_server + "/operator/calendar?view=month")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "operator-calendar.png"), full_page=True)
    page.locator(".cal-slot").first.click()
    page.wait_for_url(re.compile(r"/operator/departures/\d+$"))
    page.screenshot(path=str(SHOTS / "operator-departure.png"), full_page=True)
    page.get_by_role("link", name="Manifest").first.click()
    page.wait_for_url(re.compile(r"/manifest$"))
    page.screenshot(path=str(SHOTS / "operator-manifest.png"), full_page=True)
    page.goto(live_server + "/operator/report")
    assert page.locator("#chart-weeks rect").count() >= 2
    page.screenshot(path=str(SHOTS / "operator-report.png"), full_page=True)


def log_in_as_operator(page, live_server) -> None:
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill("operator@example.com")
    page.get_by_label("Password").fill(DEMO["password"])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/auth/profile")


@pytest.mark.parametrize("width", [1280, 390])
def test_tour_route_map_has_its_stylesheet_tiles_and_markers(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + "/tours/")
    page.get_by_role("link", name=re.compile("Bát Tràng ceramics", re.I)).click()
    start = page.locator(".ln-marker .ln-stop--start")
    expect(start).to_be_visible()
    sheets = page.evaluate("Array.from(document.styleSheets).map(sheet => sheet.href || '')")
    assert any(href.endswith("/static/css/route-map.css") for href in sheets), sheets
    colour = start.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour == "rgb(17, 24, 39)"  # the stylesheet's colour, not a bare number
    assert (
        page.locator(".ln-marker .ln-stop--experience, .ln-marker .ln-stop--village").count() == 2
    )
    expect(page.locator(".ln-plan-legend")).to_be_visible()
    page.wait_for_function(
        "[...document.querySelectorAll('img.leaflet-tile')]"
        ".some(tile => tile.complete && tile.naturalWidth > 0)"
    )
    page.locator(".ln-map").scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"tour-page-{width}.png"), full_page=True)


def test_operator_orders_the_stops_then_reserves_the_workshop_places(page, live_server):
    log_in_as_operator(page, live_server)
    page.goto(live_server + "/operator/")
    page.get_by_role("link", name="Stops").first.click()
    page.get_by_role("button", name="Let the planner order the stops and set their times").click()
    expect(page.locator(".alert-success")).to_contain_text("ordered the stops")
    expect(page.locator("#stops li").first.locator("[data-times]")).to_have_text("09:00–11:00")
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"operator-stops-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Departures").last.click()
    page.get_by_role("link", name="Open").nth(2).click()  # a departure well past any cut-off
    page.get_by_label("Places to reserve").fill("2")
    page.get_by_role("button", name="Reserve the workshop places").click()
    expect(page.locator(".alert-success")).to_contain_text("Workshop places requested")
    expect(page.locator('#stop-checks [data-state="secured"]')).to_have_count(1)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(
            path=str(SHOTS / f"operator-departure-reserved-{width}.png"), full_page=True
        )


def test_operator_places_the_meeting_point_on_the_map(page, live_server):
    log_in_as_operator(page, live_server)
    page.goto(live_server + "/operator/tours/new")
    page.get_by_label("Title (Vietnamese)").fill("Tour thử bản đồ")
    page.get_by_label("Title (English)").fill("Map test tour")
    page.get_by_label("Duration (minutes)").fill("300")
    page.get_by_label("Price per adult (VND)").fill("500000")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#meeting_point-error")).to_contain_text("required to publish")
    page.get_by_label("Meeting point (name and address)").fill("Nhà hát Lớn, 1 Tràng Tiền")
    box = page.locator(".ln-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#meeting_lat")).not_to_have_value("")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/operator/tours/\d+/stops$"))
    expect(page.locator("#meeting-point")).to_contain_text("Nhà hát Lớn, 1 Tràng Tiền")
