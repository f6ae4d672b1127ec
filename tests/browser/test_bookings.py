"""Booking in a real browser: one slot from the calendar, and a whole planned day."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.experiences.models import Experience, Slot
from app.timeutil import utcnow

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def fill_guest(page, name="Lan Anh"):
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill("lan.anh@example.com")
    page.get_by_label("Phone").fill("+84 912 345 678")
    page.get_by_label("Adults").fill("2")
    page.get_by_label("Children").fill("1")


def test_book_a_slot_from_the_calendar(page, live_server):
    page.goto(live_server + "/workshops/?q=tò he")
    page.get_by_role("link", name=re.compile("tò he", re.I)).first.click()
    page.wait_for_selector("#slot-calendar a.cal-slot")  # it opens on the next open month
    page.locator("a.cal-slot").first.click()
    page.wait_for_url(re.compile(r"/bookings/new\?slot_id=\d+"))
    fill_guest(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "booking-form.png"), full_page=True)
    page.get_by_role("button", name="Send the booking").click()
    page.wait_for_url(re.compile(r"/bookings/LN-\w+\?token="))
    assert "Thank you" in page.content()
    assert page.locator(".badge", has_text="confirmed").count() == 1
    page.screenshot(path=str(SHOTS / "booking-manage.png"), full_page=True)


def test_book_a_planned_day_in_one_go(page, live_app, live_server):
    with live_app.app_context():
        from app.extensions import db

        start = utcnow() + timedelta(days=3)
        slots = db.session.scalars(
            select(Slot)
            .join(Experience)
            .where(Slot.starts_at > start, Slot.starts_at < start + timedelta(days=1))
            .order_by(Slot.starts_at)
        ).all()
        chosen = [slots[0]] + [
            slot for slot in slots if slot.experience_id != slots[0].experience_id
        ][:1]
        query = "&".join(f"slot_id={slot.id}" for slot in chosen)
    page.goto(f"{live_server}/bookings/new?{query}&adults=2")
    assert page.locator("#booking-slots > li").count() == 2
    fill_guest(page, "Planned Day")
    page.get_by_role("button", name="Send the booking").click()
    page.wait_for_url(re.compile(r"/bookings/LN-\w+\?token="))
    assert page.locator(".card").count() == 2
