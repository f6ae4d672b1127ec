"""Plain rules of the stops planner: workshop times per departure pattern, order and times."""

import pytest

from app.operators.rules import (
    Pattern,
    TimedStop,
    overlapping,
    schedule_in_order,
    workshop_offsets,
)

SAT, SUN = 5, 6
EIGHT, NINE, TWO_PM = 8 * 60, 9 * 60, 14 * 60


@pytest.mark.parametrize(
    ("patterns", "runs", "expected"),
    [
        ({Pattern(SAT, EIGHT)}, {SAT: {NINE, TWO_PM}}, (60, 360)),
        ({Pattern(SAT, EIGHT), Pattern(SUN, EIGHT)}, {SAT: {NINE}, SUN: {NINE}}, (60,)),
        ({Pattern(SAT, EIGHT), Pattern(SUN, EIGHT)}, {SAT: {NINE}, SUN: {TWO_PM}}, ()),
        ({Pattern(SAT, EIGHT)}, {SUN: {NINE}}, ()),  # does not run that weekday
        ({Pattern(SAT, NINE + 30)}, {SAT: {NINE}}, ()),  # already started when the bus leaves
        ({Pattern(SAT, EIGHT), Pattern(SAT, EIGHT + 60)}, {SAT: {NINE, NINE + 60}}, (60,)),
    ],
)
def test_workshop_offsets_suit_every_departure_pattern(patterns, runs, expected):
    frozen = {day: frozenset(minutes) for day, minutes in runs.items()}
    assert workshop_offsets(frozenset(patterns), frozen, 24 * 60) == expected


def test_workshop_offsets_stop_at_the_latest_start():
    runs = {SAT: frozenset({NINE, TWO_PM})}
    assert workshop_offsets(frozenset({Pattern(SAT, EIGHT)}), runs, 300) == (60,)


def test_schedule_in_order_waits_for_a_workshop_and_starts_a_walk_on_arrival():
    travel = [[0, 30, 0, 0], [0, 0, 20, 0], [0, 0, 0, 40], [0, 0, 0, 0]]
    starts, back = schedule_in_order([120, 60], [(60, 360), None], travel)
    assert starts == [60, 200] and back == 300


def test_schedule_in_order_names_the_workshop_it_cannot_reach():
    travel = [[0, 90, 0, 0], [0, 0, 20, 0], [0, 0, 0, 40], [0, 0, 0, 0]]
    assert schedule_in_order([60, 120], [None, (60,)], travel) == 1


def test_overlapping_stops_are_the_ones_starting_before_the_previous_ends():
    stops = [TimedStop(60, 120), TimedStop(150, 60), TimedStop(210, 30)]
    assert overlapping(stops) == [1]
