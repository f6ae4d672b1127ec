"""The date-sensitive paths at the awkward instants: a month end, 31 December late at night (when
UTC and Hanoi disagree on the date) and across Tết. Each runs through the door a user uses."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.bookings.models import BookingItem
from app.timeutil import HANOI, to_local
from tests.factories import make_experience, make_slot, make_user, make_village

NOV_30_LATE = datetime(2026, 11, 30, 23, 30, tzinfo=HANOI)  # 16:30 UTC, still the 30th
DEC_31_LATE = datetime(2026, 12, 31, 23, 30, tzinfo=HANOI)
JAN_1_EARLY = datetime(2027, 1, 1, 6, 0, tzinfo=HANOI)  # UTC still says 31 December
JAN_31 = datetime(2027, 1, 31, 15, 0, tzinfo=HANOI)  # Tết 2027 is 4-10 February
TET_2027 = {date(2027, 2, day) for day in range(4, 11)}
CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "+84 912 345 678"}


@pytest.fixture()
def clock(time_machine):
    def set_to(instant: datetime) -> None:
        time_machine.move_to(instant, tick=False)

    return set_to


@pytest.fixture()
def host(db, login_as):
    village = make_village()
    user = make_user(villages=[village])
    experience = make_experience(village=village)
    db.session.commit()
    login_as(user)
    return experience


def open_days(client, experience_id: int, first: str, last: str) -> list[date]:
    slots = client.get(
        f"/api/v1/experiences/{experience_id}/slots", query_string={"from": first, "to": last}
    ).get_json()
    return sorted({date.fromisoformat(slot["starts_at"][:10]) for slot in slots})


def every_day_rule(client, experience_id: int, starts_on: date, weeks: int = 3):
    ends_on = starts_on + timedelta(weeks=weeks)
    rule = {"weekdays": [str(day) for day in range(7)], "start_times": "09:00",
            "starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(),
            "capacity": "6"}  # fmt: skip
    return client.post(f"/host/experiences/{experience_id}/rules", data=rule)


@pytest.mark.parametrize(
    ("now", "first_open"),
    [
        (NOV_30_LATE, date(2026, 12, 2)),  # 1 December 09:00 is inside the 12 h cut-off
        (DEC_31_LATE, date(2027, 1, 2)),  # 1 January is a public holiday
        (JAN_31, date(2027, 2, 1)),
    ],
    ids=["month-end", "31-december", "before-tet"],
)
def test_a_weekly_rule_opens_slots_from_the_next_hanoi_day(client, host, clock, now, first_open):
    clock(now)
    assert every_day_rule(client, host.id, to_local(now).date()).status_code == 302
    today = to_local(now).date()
    days = open_days(client, host.id, today.isoformat(), (today + timedelta(days=60)).isoformat())
    assert days[0] == first_open
    assert not TET_2027 & set(days) and date(2027, 1, 1) not in days


def test_slots_generate_after_tet_fills_the_weeks_but_not_tet(client, host, clock, runner):
    clock(datetime(2027, 1, 10, 12, 0, tzinfo=HANOI))
    every_day_rule(client, host.id, date(2027, 1, 10), weeks=8)
    clock(JAN_31)
    assert runner.invoke(args=["slots", "generate", "--weeks", "4"]).exit_code == 0
    days = open_days(client, host.id, "2027-02-01", "2027-02-28")
    assert date(2027, 2, 3) in days and date(2027, 2, 11) in days and date(2027, 2, 28) in days
    assert not TET_2027 & set(days)


def test_booking_cut_off_at_a_month_end_is_counted_in_hanoi_time(client, db, clock):
    slot = make_slot(
        experience=make_experience(cutoff_hours=12),
        starts_at=datetime(2026, 12, 1, 9, 0, tzinfo=HANOI),
    )
    db.session.commit()
    body = {"slot_ids": [slot.id], "adults": 1, "contact": CONTACT}
    clock(datetime(2026, 11, 30, 21, 1, tzinfo=HANOI))
    late = client.post("/api/v1/bookings", json=body)
    assert late.status_code in (409, 422), late.get_json()
    clock(datetime(2026, 11, 30, 20, 59, tzinfo=HANOI))
    assert client.post("/api/v1/bookings", json=body).status_code == 201


def test_a_hold_made_on_31_december_lapses_in_the_new_year(client, db, clock):
    slot = make_slot(
        experience=make_experience(confirmation_mode="on_request"),
        starts_at=datetime(2027, 1, 5, 9, 0, tzinfo=HANOI),
        capacity=2,
    )
    db.session.commit()
    clock(DEC_31_LATE)
    body = {"slot_ids": [slot.id], "adults": 2, "contact": CONTACT}
    assert client.post("/api/v1/bookings", json=body).status_code == 201
    item = db.session.scalar(select(BookingItem))
    assert to_local(item.hold_expires_at) == DEC_31_LATE + timedelta(hours=48)
    assert open_days(client, slot.experience_id, "2027-01-05", "2027-01-05") == [date(2027, 1, 5)]
    remaining = "/api/v1/experiences/{}/slots?from=2027-01-05&to=2027-01-05".format
    assert client.get(remaining(slot.experience_id)).get_json()[0]["remaining"] == 0
    clock(DEC_31_LATE + timedelta(hours=48, minutes=1))
    assert client.get(remaining(slot.experience_id)).get_json()[0]["remaining"] == 2


def test_planner_refuses_yesterday_in_hanoi_even_when_utc_still_has_it(client, db, clock):
    clock(JAN_1_EARLY)
    query = {"place": "hoan-kiem", "day_start": "08:00", "day_end": "18:00", "adults": "2",
             "mode": "car", "days": "1"}  # fmt: skip
    past = client.get("/plan/", query_string={**query, "date": "2026-12-31"})
    assert past.status_code == 422 and "in the past" in past.get_data(as_text=True)
    assert client.get("/plan/", query_string={**query, "date": "2027-01-01"}).status_code == 200
    assert 'value="2027-01-02"' in client.get("/plan/").get_data(as_text=True)  # tomorrow


def test_a_trip_across_new_year_plans_each_day_on_its_own_date(client, db, clock):
    clock(datetime(2026, 12, 30, 12, 0, tzinfo=HANOI))
    experience = make_experience(village=make_village(lat=21.04, lon=105.85))
    for day in (date(2026, 12, 31), date(2027, 1, 2)):
        make_slot(
            experience=experience,
            starts_at=datetime.combine(day, datetime.min.time(), HANOI) + timedelta(hours=10),
        )
    db.session.commit()
    query = {"place": "hoan-kiem", "day_start": "08:00", "day_end": "18:00", "adults": "2",
             "mode": "car", "days": "3", "date": "2026-12-31"}  # fmt: skip
    page = client.get("/plan/", query_string=query).get_data(as_text=True)
    assert "Thursday 31 December 2026" in page and "Saturday 2 January 2027" in page
    assert page.count(f'data-key="e:{experience.id}"') == 1  # once in the trip, on the 31st
