"""Several days solved as one problem: exact against brute force, feasible, per-day rules."""

import time

import pytest

from app.planner import Candidate, Infeasible, Problem, solve
from tests.planner.checker import DAY, brute_force, check_plan, random_trip

TWO_DAYS = ((480.0, 1080.0), (DAY + 480.0, DAY + 1080.0))


def line_trip(candidates, *, gap=10.0, days=TWO_DAYS, max_stops=None):
    """Start, candidates and end on a line, `gap` minutes apart, over `days`."""
    size = len(candidates) + 2
    travel = [[abs(i - j) * gap for j in range(size)] for i in range(size)]
    return Problem(candidates, travel, max_stops=max_stops, days=days)


def both_days(a: float, b: float) -> tuple[tuple[float, float], ...]:
    return ((a, b), (DAY + a, DAY + b))


def assert_matches_brute_force(problem):
    expected = brute_force(problem)
    if expected is None:
        with pytest.raises(Infeasible):
            solve(problem)
        return
    plan = solve(problem)
    check_plan(problem, plan)
    assert (plan.score, plan.travel_minutes) == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(60))
def test_two_day_problems_match_brute_force(seed):
    assert_matches_brute_force(random_trip(seed, 3 + seed % 4, metric=seed % 3 != 0))


@pytest.mark.parametrize("seed", range(15))
def test_three_day_problems_match_brute_force(seed):
    assert_matches_brute_force(random_trip(100 + seed, 3 + seed % 3, days=3))


@pytest.mark.parametrize("seed", range(3))
def test_ten_candidates_over_two_days_match_brute_force(seed):
    assert_matches_brute_force(random_trip(200 + seed, 10))


@pytest.mark.parametrize("seed", range(10))
def test_metaheuristic_trips_are_feasible(seed):
    problem = random_trip(300 + seed, 20 + 8 * seed, days=2 + seed % 2, metric=seed % 3 != 0)
    try:
        plan = solve(problem, time_limit=0.2, seed=seed)
    except Infeasible as error:
        assert error.keys
        return
    check_plan(problem, plan)


def test_routes_are_one_per_day_and_visits_their_concatenation():
    cands = [Candidate(f"c{i}", 1, 200, both_days(480, 900)) for i in range(4)]
    plan = solve(line_trip(cands, gap=1.0))
    assert [len(route) for route in plan.routes] == [2, 2]
    assert plan.visits == [*plan.routes[0], *plan.routes[1]]
    assert all(visit.start >= DAY for visit in plan.routes[1])


def test_a_candidate_open_on_both_days_is_visited_once():
    cands = [
        Candidate("a", 5, 30, both_days(480, 1000)),
        Candidate("b", 1, 30, both_days(480, 1000)),
    ]
    plan = solve(line_trip(cands))
    assert sorted(v.key for v in plan.visits) == ["a", "b"]


@pytest.mark.parametrize("size", [6, 40])
def test_max_stops_applies_per_day(size):
    cands = [Candidate(f"c{i}", 1 + i % 3, 5, both_days(480, 1000)) for i in range(size)]
    plan = solve(line_trip(cands, gap=1.0, max_stops=2), time_limit=0.3)
    assert [len(route) for route in plan.routes] == [2, 2]
    assert plan.score == sum(sorted((c.score for c in cands), reverse=True)[:4])


def test_a_workshop_only_on_day_two_goes_to_day_two():
    cands = [
        Candidate("slot", 5, 60, ((DAY + 600, DAY + 600),)),
        Candidate("walk", 1, 30, both_days(480, 900)),
    ]
    plan = solve(line_trip(cands))
    assert "slot" in {v.key for v in plan.routes[1]}


def test_required_candidate_that_fits_no_day_is_named():
    cands = [
        Candidate("ok", 1, 30, both_days(480, 900)),
        Candidate("night", 1, 30, ((1200, 1300),), required=True),
    ]
    with pytest.raises(Infeasible) as caught:
        solve(line_trip(cands))
    assert caught.value.keys == ("night",)


def test_required_candidates_are_kept_over_several_days_by_the_metaheuristic():
    problem = random_trip(7, 40, days=3)
    required = {c.key for c in problem.candidates[:3]}
    cands = [
        Candidate(c.key, c.score, 10, both_days(0, 400), required=c.key in required)
        for c in problem.candidates
    ]
    problem = Problem(cands, problem.travel, days=((0, 480), (DAY, DAY + 480)))
    plan = solve(problem, time_limit=0.3)
    check_plan(problem, plan)
    assert required <= {v.key for v in plan.visits}


def test_same_seed_gives_the_same_trip():
    problem = random_trip(11, 16, days=3)  # small: the search stalls long before 30 s
    cands = [Candidate(c.key, c.score, c.duration, c.windows) for c in problem.candidates]
    problem = Problem(cands, problem.travel, days=problem.days)
    assert solve(problem, time_limit=30, seed=3) == solve(problem, time_limit=30, seed=3)


def test_time_limit_is_honoured_over_several_days():
    problem = random_trip(12, 150, days=3)
    cands = [Candidate(c.key, c.score, 5, both_days(0, 2000)) for c in problem.candidates]
    problem = Problem(cands, problem.travel, days=((0, 2500), (3000, 5500), (6000, 8500)))
    began = time.perf_counter()
    plan = solve(problem, time_limit=0.2)
    assert time.perf_counter() - began < 0.5
    check_plan(problem, plan)


def test_a_day_too_short_to_reach_the_end_is_infeasible():
    with pytest.raises(Infeasible, match="too short"):
        solve(line_trip([], gap=100.0, days=((0, 500), (DAY, DAY + 50))))


def test_without_days_the_plan_has_one_route():
    cands = [Candidate("a", 1, 30, ((0, 100),))]
    plan = solve(Problem(cands, [[0, 5, 5], [5, 0, 5], [5, 5, 0]], 0, 600))
    assert plan.routes == (tuple(plan.visits),)
