"""Building candidates and solving a day from plain inputs: no app, no database."""

from datetime import date

import pytest

from app.trips.planning import solve_day
from app.trips.problem import (
    DayRequest,
    SlotOption,
    VillageInfo,
    Workshop,
    build_pool,
    opening_window,
)
from app.trips.result import assemble
from app.trips.travel import estimate, minutes_between

ON = date(2030, 3, 16)  # a Saturday
START = (21.0287, 105.8524)
BAT_TRANG = (20.983, 105.917)
VAN_PHUC = (20.976, 105.776)


def workshop(experience_id=1, village="bat-trang", point=BAT_TRANG, slots=None, **fields):
    values = dict(duration=120, craft="ceramics", price_adult_vnd=150_000, price_child_vnd=100_000,
                  min_party=1, max_party=12)  # fmt: skip
    values.update(fields)
    slots = slots if slots is not None else (SlotOption(10 + experience_id, 9 * 60, 10, True),)
    return Workshop(experience_id, village, point, slots=slots, **values)


def village(slug="van-phuc", point=VAN_PHUC, crafts=("silk-weaving",), hours=""):
    return VillageInfo(slug, point, frozenset(crafts), hours)


def plan(request, workshops=(), villages=()):
    pool = build_pool(
        request, list(workshops), list(villages), lambda p, q: minutes_between(p, q, request.mode)
    )
    points = [request.start, *(o.point or request.start for o in pool.options), request.end_point]
    matrix = estimate(points, request.mode)
    return assemble(request, solve_day(request, pool, matrix.minutes), matrix.km, matrix.minutes)


@pytest.mark.parametrize(
    ("text", "window"),
    [("", (480, 1020)), ("Every day 7:30–16:00", (450, 960)), ("8h00-17h30", (480, 1050)),
     ("closed at Tết", (480, 1020)), ("18:00-09:00", (480, 1020))],
)  # fmt: skip
def test_opening_hours_are_read_from_free_text(text, window):
    assert opening_window(text) == window


def test_full_slot_is_never_used():
    full = SlotOption(11, 9 * 60, 3, True)
    roomy = SlotOption(12, 14 * 60, 4, True)
    day = plan(DayRequest(ON, START, adults=4), [workshop(slots=(full, roomy))])
    assert [stop.slot_id for stop in day.stops] == [12]


def test_no_room_is_explained_with_party_and_day():
    request = DayRequest(ON, START, adults=4, include=frozenset({"e:1"}))
    day = plan(request, [workshop(slots=(SlotOption(11, 540, 3, True),))])
    assert day.stops == []
    [missing] = day.unplaced
    assert (missing.id, missing.reason.code, missing.reason.params) == (
        1, "no_room", {"party": 4, "on": "2030-03-16"},
    )  # fmt: skip


def test_slot_past_its_booking_cutoff_is_not_used():
    request = DayRequest(ON, START, pinned=frozenset({"e:1"}))
    day = plan(request, [workshop(slots=(SlotOption(11, 540, 10, False),))])
    assert day.stops == [] and day.unplaced[0].reason.code == "booking_closed"


def test_pinned_workshop_is_always_in_the_plan():
    far = workshop(2, "chuong", (20.83, 105.77), craft="hats",
                   slots=(SlotOption(21, 14 * 60, 10, True),))  # fmt: skip
    request = DayRequest(ON, START, pinned=frozenset({"e:2"}), max_stops=1)
    day = plan(request, [workshop(), far])
    assert [stop.key for stop in day.stops] == ["e:2"] and day.stops[0].is_pinned


def test_pinned_workshop_too_late_to_get_back_says_why():
    late = workshop(slots=(SlotOption(11, 17 * 60, 10, True),))
    day = plan(DayRequest(ON, START, pinned=frozenset({"e:1"})), [late])
    assert day.unplaced[0].reason.code == "too_far"
    assert day.unplaced[0].reason.params == {"day_end": 18 * 60}


def test_party_outside_the_group_limits_is_explained():
    day = plan(DayRequest(ON, START, adults=9, include=frozenset({"e:1"})), [workshop(max_party=8)])
    assert day.unplaced[0].reason.code == "party_size"


def test_a_village_with_a_workshop_gets_no_separate_walk():
    day = plan(
        DayRequest(ON, START), [workshop()], [village("bat-trang", BAT_TRANG, ("ceramics",))]
    )
    assert [stop.key for stop in day.stops] == ["e:1"]


def test_two_workshops_of_one_village_are_not_both_planned():
    pots = workshop(1, slots=(SlotOption(11, 9 * 60, 10, True),))
    paint = workshop(2, duration=90, slots=(SlotOption(21, 14 * 60, 10, True),))
    day = plan(DayRequest(ON, START), [pots, paint])
    assert len(day.stops) == 1


def test_lunch_is_eaten_where_the_previous_stop_is():
    day = plan(DayRequest(ON, START, lunch=True), [workshop()], [village()])
    kinds = [stop.kind for stop in day.stops]
    assert "lunch" in kinds
    lunch = day.stops[kinds.index("lunch")]
    assert 11 * 60 <= lunch.start.hour * 60 + lunch.start.minute <= 12 * 60 + 30
    before = day.stops[kinds.index("lunch") - 1] if kinds.index("lunch") else None
    assert lunch.point == (before.point if before else START)
    assert day.legs[kinds.index("lunch")].km == 0


def test_max_stops_does_not_count_lunch():
    walks = [village(f"v{i}", (21.0 + i / 100, 105.8), ("lacquer",)) for i in range(5)]
    day = plan(DayRequest(ON, START, lunch=True, max_stops=2), [], walks)
    assert sum(stop.kind != "lunch" for stop in day.stops) == 2
    assert any(stop.kind == "lunch" for stop in day.stops)


def test_unknown_wish_is_named():
    day = plan(DayRequest(ON, START, include=frozenset({"e:404", "v:nowhere"})))
    assert {(u.kind, u.id, u.reason.code) for u in day.unplaced} == {
        ("experience", 404, "unknown"), ("village", "nowhere", "unknown"),
    }  # fmt: skip


def test_craft_without_any_stop_is_reported():
    day = plan(DayRequest(ON, START, crafts=frozenset({"lacquer"})), [workshop()])
    assert [(u.kind, u.id) for u in day.unplaced] == [("craft", "lacquer")]


def test_price_is_for_the_whole_party():
    day = plan(DayRequest(ON, START, adults=2, children=1), [workshop()])
    assert day.price_vnd == 2 * 150_000 + 100_000
