"""Pinning a stop on the planner page keeps it where it stood (same slot, same time) while the
other stops move around it; "at most N stops" counts visits, not the lunch break."""

import html as htmllib
import re
from datetime import datetime

import pytest

from app.timeutil import HANOI
from tests.factories import make_experience, make_slot, make_village

NOV_30 = datetime(2026, 11, 30, 15, 0, tzinfo=HANOI)
SATURDAY = "2026-12-05"
TIMES = {"x": (9, 14), "y": (11.5,), "z": (9,), "w": (14,)}


def at(hours: float) -> datetime:
    return datetime(2026, 12, 5, int(hours), int(hours % 1 * 60), tzinfo=HANOI)


@pytest.fixture()
def four_workshops(db, time_machine):
    """X runs at 09:00 and 14:00; Y at 11:30; Z only at 09:00 and W only at 14:00, so X stands
    at whichever time Z or W does not take."""
    time_machine.move_to(NOV_30, tick=False)
    made = {}
    for number, (name, times) in enumerate(TIMES.items()):
        village = make_village(lat=21.03 + number * 0.01, lon=105.85 + number * 0.005)
        made[name] = make_experience(village=village, duration_minutes=120, title_en=name.upper())
        for hours in times:
            make_slot(experience=made[name], starts_at=at(hours))
    db.session.commit()
    return {name: f"e:{experience.id}" for name, experience in made.items()}


def plan_page(client, query: dict | str) -> str:
    """The planner page for a query, or for a link taken from a page."""
    if isinstance(query, str):
        return client.get(query).get_data(as_text=True)
    return client.get("/plan/", query_string=query).get_data(as_text=True)


def stops(page: str) -> dict[str, str]:
    """Stop key -> its start time, in timeline order."""
    found = re.findall(r'data-key="([^"]+)".*?<strong>(\d\d:\d\d)–', page, re.S)
    return dict(found)


def link(page: str, key: str, label: str) -> str:
    card = page.split(f'data-key="{key}"', 1)[1].split("</li>", 1)[0]
    href = re.search(rf'href="([^"]+)">{label}<', card).group(1)
    return htmllib.unescape(href)


QUERY = {"date": SATURDAY, "place": "hoan-kiem", "day_start": "08:00", "day_end": "18:00",
         "mode": "car", "adults": "2", "children": "0", "max_stops": "6", "days": "1"}  # fmt: skip


def test_a_pinned_workshop_keeps_its_slot_when_another_stop_is_dropped(client, four_workshops):
    keys = four_workshops
    first = stops(plan_page(client, QUERY))
    assert keys["x"] in first and keys["y"] in first
    pinned = plan_page(client, link(plan_page(client, QUERY), keys["x"], "Pin"))
    assert stops(pinned)[keys["x"]] == first[keys["x"]]
    other = keys["w"] if keys["w"] in first else keys["z"]  # the one holding X's other time
    again = plan_page(client, link(pinned, other, "Drop"))
    assert stops(again)[keys["x"]] == first[keys["x"]], "the pinned workshop moved"
    assert other not in stops(again) and keys["y"] in stops(again)


def test_a_pinned_walk_keeps_its_time(client, db, time_machine):
    time_machine.move_to(NOV_30, tick=False)
    for number in range(3):
        make_village(lat=21.03 + number * 0.01, lon=105.85)
    db.session.commit()
    page = plan_page(client, QUERY)
    walk, start = next(iter(stops(page).items()))
    pinned = plan_page(client, link(page, walk, "Pin"))
    other = next(key for key in stops(pinned) if key != walk)
    again = plan_page(client, link(pinned, other, "Drop"))
    assert stops(again)[walk] == start


def test_a_malformed_pinned_time_is_refused_naming_it(client, db):
    response = client.get("/plan/", query_string={**QUERY, "fix": "e:1@tomorrow"})
    assert response.status_code == 422
    assert "A pinned time must look like" in response.get_data(as_text=True)


@pytest.fixture()
def long_workshop_and_walks(db, time_machine):
    """A 3.5 h workshop at 10:30 (over lunch time) and five villages to walk around."""
    time_machine.move_to(NOV_30, tick=False)
    village = make_village(lat=21.03, lon=105.85)
    experience = make_experience(village=village, duration_minutes=210, title_en="Long")
    make_slot(experience=experience, starts_at=at(10.5))
    for number in range(1, 6):
        make_village(lat=21.03 + number * 0.01, lon=105.85 + number * 0.004)
    db.session.commit()
    return f"e:{experience.id}"


def visits(page: str) -> list[str]:
    return [key for key in stops(page) if key != "lunch"]


def test_at_most_n_stops_counts_visits_not_the_lunch_break(client, long_workshop_and_walks):
    page = plan_page(client, {**QUERY, "max_stops": "2", "lunch": "y"})
    assert "lunch" in stops(page) and len(visits(page)) == 2
    assert "2 visits + lunch" in page and "the lunch break is not counted" in page


def test_at_most_n_stops_holds_when_lunch_does_not_fit(client, long_workshop_and_walks):
    pinned = {"pin": long_workshop_and_walks, "max_stops": "2", "lunch": "y"}
    page = plan_page(client, {**QUERY, **pinned})
    assert "lunch" not in stops(page) and long_workshop_and_walks in stops(page)
    assert len(visits(page)) == 2
