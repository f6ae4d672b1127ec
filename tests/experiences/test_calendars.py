"""Every calendar (workshop page, host, operator) opens on the month of the next open date,
says which date that is, marks today and greys past days; the clock is frozen at month ends."""

import re
from datetime import datetime

import pytest

from app.timeutil import HANOI
from tests.factories import make_departure, make_experience, make_slot, make_tour, make_user

NOV_30 = datetime(2026, 11, 30, 15, 0, tzinfo=HANOI)
DEC_31 = datetime(2026, 12, 31, 18, 0, tzinfo=HANOI)


def at(day: int, month: int, year: int = 2026, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=HANOI)


def today_cell(page: str) -> str:
    match = re.search(r'<div class="cal-day[^"]*cal-today"[^>]*>.{0,200}', page, re.S)
    assert match, "no cell marked today"
    return match.group(0)


@pytest.fixture()
def frozen(time_machine):
    def freeze(instant: datetime) -> datetime:
        time_machine.move_to(instant, tick=False)
        return instant

    return freeze


@pytest.fixture()
def workshop(db):
    return make_experience()


@pytest.fixture()
def host(db, login_as, workshop):
    user = make_user(villages=[workshop.village])
    db.session.commit()
    return login_as(user)


@pytest.fixture()
def operator(db, login_as):
    tour = make_tour()
    user = make_user(operator=tour.operator.name)
    db.session.commit()
    return login_as(user), tour


def test_workshop_page_opens_on_the_month_of_the_next_open_slot(client, db, frozen):
    frozen(NOV_30)
    slot = make_slot(starts_at=at(2, 12))
    db.session.commit()
    page = client.get(f"/workshops/{slot.experience_id}").get_data(as_text=True)
    assert 'data-month="2026-12"' in page and 'data-today="2026-11-30"' in page
    assert "Next open date: Wednesday 2 December 2026" in page


def test_next_open_date_skips_full_slots_and_slots_past_the_cutoff(client, db, frozen):
    frozen(NOV_30)
    experience = make_experience(cutoff_hours=12)
    make_slot(experience=experience, starts_at=at(30, 11, hour=20))  # inside the 12 h cut-off
    make_slot(experience=experience, starts_at=at(1, 12), booked=10, capacity=10)  # full
    make_slot(experience=experience, starts_at=at(3, 1, 2027))
    db.session.commit()
    page = client.get(f"/workshops/{experience.id}").get_data(as_text=True)
    assert 'data-month="2027-01"' in page and "Next open date: Sunday 3 January 2027" in page


def test_workshop_page_on_31_december_opens_on_next_year(client, db, frozen):
    frozen(DEC_31)
    slot = make_slot(starts_at=at(2, 1, 2027))
    db.session.commit()
    page = client.get(f"/workshops/{slot.experience_id}").get_data(as_text=True)
    assert 'data-month="2027-01"' in page and 'data-today="2026-12-31"' in page


def test_workshop_page_says_plainly_when_nothing_is_open(client, db, frozen):
    frozen(NOV_30)
    slot = make_slot(starts_at=at(1, 12), booked=10, capacity=10)
    db.session.commit()
    page = client.get(f"/workshops/{slot.experience_id}").get_data(as_text=True)
    assert "No date is open for booking at the moment." in page
    assert 'data-month="2026-11"' in page and "Next open date" not in page


def test_host_calendar_opens_on_the_next_open_month_and_marks_today(
    client, host, workshop, db, frozen
):
    frozen(NOV_30)
    experience = workshop
    make_slot(experience=experience, starts_at=at(29, 11), booked=2, capacity=8)
    make_slot(experience=experience, starts_at=at(4, 12), booked=3, capacity=8)
    db.session.commit()
    page = client.get("/host/calendar").get_data(as_text=True)
    assert "12/2026" in page and "3/8" in page and "2/8" not in page
    assert "Next open date: Friday 4 December 2026" in page
    november = client.get("/host/calendar?month=2026-11").get_data(as_text=True)
    assert ">30 <span" in today_cell(november) and 'aria-current="date"' in today_cell(november)
    assert november.count("cal-past") == 29 and "2/8" in november


def test_host_calendar_says_plainly_when_nothing_is_open(client, host, frozen):
    frozen(NOV_30)
    page = client.get("/host/calendar").get_data(as_text=True)
    assert "No slot is open for booking" in page and "11/2026" in page


def test_operator_calendar_opens_on_the_next_open_month_and_marks_today(
    client, operator, db, frozen
):
    frozen(DEC_31)
    _user, tour = operator
    make_departure(tour=tour, starts_at=at(31, 12, hour=7))  # already left
    make_departure(tour=tour, starts_at=at(9, 1, 2027), capacity=6, booked=6)  # full
    make_departure(tour=tour, starts_at=at(12, 1, 2027), capacity=6)
    db.session.commit()
    page = client.get("/operator/calendar?view=month").get_data(as_text=True)
    assert "01/2027" in page and "Next open date: Tuesday 12 January 2027" in page
    week = client.get("/operator/calendar?view=week").get_data(as_text=True)
    assert "Week of 11/01/2027" in week
    december = client.get("/operator/calendar?view=month&date=2026-12-01").get_data(as_text=True)
    assert ">31 <span" in today_cell(december) and december.count("cal-past") == 30


def test_operator_calendar_says_plainly_when_nothing_is_open(client, operator, frozen):
    frozen(NOV_30)
    page = client.get("/operator/calendar").get_data(as_text=True)
    assert "No departure is open for booking" in page and "11/2026" in page
