"""The Print button opens the print dialog once (app.js and planner.js both listened)."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest

from app.timeutil import to_local, utcnow

pytestmark = pytest.mark.browser
COUNT_PRINTS = "window.printed = 0; window.print = () => { window.printed += 1; };"


def test_print_on_a_planned_day_opens_the_dialog_once(page, live_server):
    day = to_local(utcnow()).date() + timedelta(days=7)  # any future day: villages at least
    query = {"date": day.isoformat(), "place": "hoan-kiem", "day_start": "08:00",
             "day_end": "18:00", "mode": "car", "adults": "2", "days": "1"}  # fmt: skip
    page.add_init_script(COUNT_PRINTS)
    page.goto(f"{live_server}/plan/?{urlencode(query)}")
    page.get_by_role("button", name="Print").click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.printed") == 1
