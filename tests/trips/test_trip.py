"""Several days planned as one problem from plain inputs (no app, no database)."""

from datetime import timedelta

from app.trips.problem import DayRequest, SlotOption, build_pool
from app.trips.result import assemble
from app.trips.travel import estimate, minutes_between
from app.trips.trip import merge_pools, solve_trip, without_placed
from tests.trips.test_problem import BAT_TRANG, ON, START, VAN_PHUC, village, workshop


def trip(request, days, workshops_by_day, villages=()):
    """Plan `days` days from `request`; workshops_by_day[k] are day k's workshops."""
    requests = [
        DayRequest(**{**request.__dict__, "on": request.on + timedelta(days=k)})
        for k in range(days)
    ]
    minutes = lambda p, q: minutes_between(p, q, request.mode)  # noqa: E731
    pools = [
        build_pool(r, list(w), list(villages), minutes)
        for r, w in zip(requests, workshops_by_day, strict=True)
    ]
    pool = merge_pools(pools)
    points = [request.start, *(o.point or request.start for o in pool.options), request.end_point]
    matrix = estimate(points, request.mode)
    solved = solve_trip(requests, pool, matrix.minutes)
    requests = without_placed(requests, solved)
    return [
        assemble(r, s, matrix.km, matrix.minutes) for r, s in zip(requests, solved, strict=True)
    ]


def slot(slot_id, minutes):
    return (SlotOption(slot_id, minutes, 10, True),)


def test_each_workshop_goes_to_the_day_that_lets_the_trip_hold_both():
    """Day by day, day one would take the nearer workshop and leave nothing for day two."""
    near_saturday = workshop(1, "bat-trang", BAT_TRANG, slots=slot(11, 9 * 60))
    near_sunday = workshop(1, "bat-trang", BAT_TRANG, slots=slot(12, 9 * 60))
    far_saturday = workshop(2, "van-phuc", VAN_PHUC, craft="silk", slots=slot(21, 9 * 60))
    days = trip(DayRequest(ON, START), 2, [[near_saturday, far_saturday], [near_sunday]])
    assert [[stop.slot_id for stop in day.stops] for day in days] == [[21], [12]]
    assert [day.on for day in days] == [ON, ON + timedelta(days=1)]


def test_every_day_has_its_own_lunch_at_its_own_place():
    days = trip(
        DayRequest(ON, START, lunch=True), 2, [[], []], [village(), village("a", BAT_TRANG)]
    )
    for day in days:
        kinds = [stop.kind for stop in day.stops]
        assert kinds.count("lunch") == 1
        lunch = day.stops[kinds.index("lunch")]
        assert (
            lunch.start.date() == day.on and 11 * 60 <= lunch.start.hour * 60 + lunch.start.minute
        )
        before = day.stops[kinds.index("lunch") - 1].point if kinds.index("lunch") else START
        assert lunch.point == before


def test_no_village_is_visited_twice_in_the_trip():
    saturday = workshop(1, slots=slot(11, 9 * 60))
    sunday = workshop(2, duration=90, slots=slot(21, 14 * 60))
    days = trip(DayRequest(ON, START), 2, [[saturday], [sunday]], [village("bat-trang", BAT_TRANG)])
    villages = [stop.village for day in days for stop in day.stops]
    assert villages == ["bat-trang"]


def test_a_wish_placed_on_day_two_is_not_reported_missing_on_day_one():
    sunday = workshop(1, slots=slot(12, 10 * 60))
    days = trip(DayRequest(ON, START, include=frozenset({"e:1"})), 2, [[], [sunday]])
    assert [stop.key for stop in days[1].stops] == ["e:1"]
    assert all(u.key != "e:1" for u in days[0].unplaced)
