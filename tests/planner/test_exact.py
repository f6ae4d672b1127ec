"""The exact search is optimal (score, then travel): compared with brute force."""

import pytest

from app.planner import Infeasible, solve
from tests.planner.checker import brute_force, check_plan, random_problem


def assert_matches_brute_force(problem):
    expected = brute_force(problem)
    if expected is None:
        with pytest.raises(Infeasible):
            solve(problem)
        return
    plan = solve(problem)
    check_plan(problem, plan)
    assert plan.score == pytest.approx(expected[0])
    assert plan.travel_minutes == pytest.approx(expected[1])


@pytest.mark.parametrize("seed", range(200))
def test_metric_instances_match_brute_force(seed):
    assert_matches_brute_force(random_problem(seed, 3 + seed % 5))


@pytest.mark.parametrize("seed", range(100))
def test_non_metric_instances_match_brute_force(seed):
    assert_matches_brute_force(random_problem(1000 + seed, 3 + seed % 4, metric=False))


@pytest.mark.parametrize("seed", range(50))
def test_overlapping_windows_match_brute_force(seed):
    assert_matches_brute_force(random_problem(2000 + seed, 3 + seed % 5, nested=True))


@pytest.mark.parametrize("seed", range(6))
def test_twelve_candidates_are_at_least_as_good_as_long_heuristic_runs(seed):
    from app.planner.heuristic import search
    from app.planner.schedule import compile_problem

    problem = random_problem(5000 + seed, 12)
    inst = compile_problem(problem)
    try:
        plan = solve(problem)
    except Infeasible:
        return
    check_plan(problem, plan)
    for other in range(3):
        route = search(inst, 0.3, other, min_stall=10**9)
        if inst.required <= set(route.nodes):
            assert (plan.score, -plan.travel_minutes) >= (route.score, -route.travel - 1e-6)
