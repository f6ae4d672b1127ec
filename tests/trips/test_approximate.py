"""Approximate points in a plan: the leg to them gets a buffer, and the plan says which stops
are approximate (plain function, the service, the page and the API)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.timeutil import to_local, utcnow
from app.trips import services
from app.trips.approximate import with_buffer
from app.trips.places import DEFAULT_PLACE
from app.trips.problem import DayRequest
from tests.factories import make_village

HOAN_KIEM = (DEFAULT_PLACE.lat, DEFAULT_PLACE.lon)
NOW = datetime(2030, 3, 10, 2, 0, tzinfo=UTC)
SATURDAY = date(2030, 3, 16)


def test_the_buffer_lengthens_only_legs_that_end_at_an_approximate_point():
    minutes = [[0, 10, 20], [10, 0, 30], [20, 30, 0]]
    assert with_buffer(minutes, [False, True, False], 15) == [
        [0, 25, 20],
        [10, 0, 30],
        [20, 45, 0],
    ]


def plan_walk(precision: str):
    make_village(slug="walk", lat=20.98, lon=105.92, coord_precision=precision)
    request = DayRequest(SATURDAY, HOAN_KIEM, pinned=frozenset({"v:walk"}))
    return services.plan_day(request, now=NOW)


@pytest.mark.parametrize(("precision", "approximate"), [("village", False), ("new-commune", True)])
def test_a_stop_says_whether_its_point_is_approximate(db, precision, approximate):
    [stop] = plan_walk(precision).stops
    assert stop.is_approximate is approximate


def test_the_leg_to_an_approximate_village_includes_the_buffer(app, db):
    exact = plan_walk("village")
    db.session.rollback()
    approximate = plan_walk("new-commune")
    buffer = app.config["APPROXIMATE_BUFFER_MINUTES"]
    assert approximate.legs[0].minutes == exact.legs[0].minutes + buffer
    assert approximate.legs[1].minutes == exact.legs[1].minutes  # the way back has none


def test_the_planner_page_and_the_api_mark_approximate_stops(client, db):
    make_village(slug="walk", lat=20.98, lon=105.92, coord_precision="new-commune")
    db.session.commit()
    day = (to_local(utcnow()).date() + timedelta(days=10)).isoformat()
    page = client.get(
        "/plan/",
        query_string={"date": day, "place": "hoan-kiem", "adults": 2, "day_start": "08:00",
                      "day_end": "18:00", "mode": "car", "pin": "v:walk", "max_stops": 4},
    )  # fmt: skip
    body = page.get_data(as_text=True)
    assert "approximate location" in body and "extra minutes are planned" in body
    answer = client.post(
        "/api/v1/plan",
        json={"date": day, "start": {"lat": HOAN_KIEM[0], "lon": HOAN_KIEM[1]},
              "party": 2, "pinned_villages": ["walk"]},
    ).get_json()  # fmt: skip
    [stop] = answer["stops"]
    assert stop["is_approximate"] is True and stop["buffer_minutes"] == 15


def test_pins_that_cannot_fit_together_lose_their_pin_instead_of_failing(db):
    from tests.factories import make_experience, make_slot
    from tests.trips.helpers import at

    keys = []
    for lon in (105.92, 105.70):  # two villages far apart, both workshops at 10:00
        experience = make_experience(village=make_village(lat=20.98, lon=lon))
        make_slot(experience=experience, starts_at=at(SATURDAY, 10 * 60).astimezone(UTC))
        keys.append(f"e:{experience.id}")
    db.session.commit()
    request = DayRequest(SATURDAY, HOAN_KIEM, pinned=frozenset(keys))
    plan = services.plan_day(request, now=NOW)
    assert len(plan.stops) == 1
    assert [u.reason.code for u in plan.unplaced] == ["pinned_conflict"]
