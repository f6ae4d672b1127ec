"""Operators in a real browser: the public tour page and the workspace screens."""

import json
import re
from pathlib import Path

import pytest

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
