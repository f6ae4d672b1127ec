"""solve(): required stops, Infeasible, max_stops, several windows, determinism, time limit."""

import time

import pytest

from app.planner import Candidate, Infeasible, Plan, Problem, solve
from app.planner.heuristic import search
from app.planner.schedule import compile_problem, plan_of
from tests.planner.checker import check_plan, random_problem


def line_problem(candidates, *, gap=10.0, day_end=600.0, max_stops=None):
    """Start, candidates and end on a line, `gap` minutes apart."""
    size = len(candidates) + 2
    travel = [[abs(i - j) * gap for j in range(size)] for i in range(size)]
    return Problem(candidates, travel, 0.0, day_end, max_stops=max_stops)


def test_no_candidates_gives_an_empty_plan():
    plan = solve(line_problem([]))
    assert plan == Plan(visits=[], score=0.0, travel_minutes=10.0, routes=((),))


def test_day_too_short_to_reach_the_end_is_infeasible():
    with pytest.raises(Infeasible, match="too short"):
        solve(line_problem([], gap=100.0, day_end=50.0))


def test_required_candidate_is_kept_even_if_it_costs_score():
    cands = [
        Candidate("low", 1, 200, ((0, 400),), required=True),
        Candidate("high", 9, 300, ((0, 400),)),
    ]
    plan = solve(line_problem(cands, day_end=450))
    assert [v.key for v in plan.visits] == ["low"]


def test_unreachable_required_candidate_is_named():
    cands = [
        Candidate("ok", 1, 30, ((0, 400),)),
        Candidate("too-early", 1, 30, ((0, 5),), required=True),
    ]
    with pytest.raises(Infeasible) as caught:
        solve(line_problem(cands))
    assert caught.value.keys == ("too-early",)


def test_two_clashing_required_slots_name_one_of_them():
    cands = [
        Candidate("a", 1, 60, ((100, 100),), required=True),
        Candidate("b", 1, 60, ((120, 120),), required=True),
    ]
    with pytest.raises(Infeasible) as caught:
        solve(line_problem(cands))
    assert caught.value.keys in (("a",), ("b",))


def test_more_required_than_max_stops_is_infeasible():
    cands = [Candidate(k, 1, 10, ((0, 500),), required=True) for k in "abc"]
    with pytest.raises(Infeasible, match="max_stops"):
        solve(line_problem(cands, max_stops=2))


def test_required_candidates_are_kept_by_the_metaheuristic():
    problem = random_problem(7, 40)
    required = {c.key for c in problem.candidates[:3]}
    cands = [
        Candidate(c.key, c.score, 10, ((0, 400),), required=c.key in required)
        for c in problem.candidates
    ]
    problem = Problem(cands, problem.travel, 0, 480)
    plan = solve(problem, time_limit=0.5)
    check_plan(problem, plan)
    assert required <= {v.key for v in plan.visits}


def test_unreachable_required_is_named_by_the_metaheuristic():
    cands = [Candidate(f"c{i}", 1, 10, ((0, 500),)) for i in range(20)]
    cands.append(Candidate("never", 1, 10, ((0, 1),), required=True))
    with pytest.raises(Infeasible) as caught:
        solve(line_problem(cands, gap=2.0), time_limit=0.3)
    assert caught.value.keys == ("never",)


@pytest.mark.parametrize("size", [5, 40])
def test_max_stops_caps_the_visits(size):
    cands = [Candidate(f"c{i}", 1 + i % 3, 5, ((0, 500),)) for i in range(size)]
    plan = solve(line_problem(cands, gap=1.0, max_stops=3), time_limit=0.3)
    assert len(plan.visits) == 3
    assert plan.score == sum(sorted((c.score for c in cands), reverse=True)[:3])


@pytest.mark.parametrize("size", [3, 30])
def test_a_later_window_is_used_when_the_first_is_missed(size):
    cands = [Candidate(f"filler{i}", 0.1, 5, ((0, 0),)) for i in range(size - 1)]
    cands.append(Candidate("slots", 5, 30, ((0, 1), (200, 200), (300, 330))))
    problem = line_problem(cands, gap=1.0)
    plan = solve(problem, time_limit=0.3)
    check_plan(problem, plan)
    visit = next(v for v in plan.visits if v.key == "slots")
    assert (visit.window, visit.start) == (1, 200.0)


def test_equal_scores_prefer_less_travel():
    cands = [Candidate("near", 5, 10, ((0, 500),)), Candidate("far", 5, 10, ((0, 500),))]
    travel = [[0, 5, 50, 0], [5, 0, 50, 5], [50, 50, 0, 50], [0, 5, 50, 0]]
    plan = solve(Problem(cands, travel, 0, 60))
    assert [v.key for v in plan.visits] == ["near"]
    assert plan.travel_minutes == 10


@pytest.mark.parametrize("seed", range(12))
def test_metaheuristic_plans_are_feasible(seed):
    problem = random_problem(300 + seed, 15 + 5 * seed, metric=seed % 3 != 0, nested=seed % 2)
    try:
        plan = solve(problem, time_limit=0.3, seed=seed)
    except Infeasible as error:
        assert error.keys
        return
    check_plan(problem, plan)


@pytest.mark.parametrize("seed", range(40))
def test_metaheuristic_routes_on_small_problems_are_feasible_and_near_optimal(seed):
    problem = optional(random_problem(400 + seed, 8, metric=seed % 2 == 0, nested=seed % 3 == 0))
    inst = compile_problem(problem)
    route = search(inst, 1.0, seed)
    plan = plan_of(inst, route.nodes)
    check_plan(problem, plan)
    assert plan.score >= solve(problem).score - 5  # one low-value stop at most


def optional(problem):
    cands = [Candidate(c.key, c.score, c.duration, c.windows) for c in problem.candidates]
    return Problem(cands, problem.travel, problem.day_start, problem.day_end)


def test_same_seed_gives_the_same_plan():
    problem = optional(random_problem(11, 20))  # small: the search stalls long before 30 s
    assert solve(problem, time_limit=30, seed=3) == solve(problem, time_limit=30, seed=3)


def test_time_limit_cuts_even_the_first_greedy_route_short():
    problem = random_problem(13, 500)
    cands = [Candidate(c.key, c.score, 1, ((0, 9000),)) for c in problem.candidates]
    problem = Problem(cands, problem.travel, 0, 8000)
    began = time.perf_counter()
    plan = solve(problem, time_limit=0.1)
    assert time.perf_counter() - began < 0.5
    check_plan(problem, plan)


def test_time_limit_is_honoured():
    problem = random_problem(12, 150)
    cands = [Candidate(c.key, c.score, 5, ((0, 5000),)) for c in problem.candidates]
    problem = Problem(cands, problem.travel, 0, 2500)
    began = time.perf_counter()
    plan = solve(problem, time_limit=0.2)
    assert time.perf_counter() - began < 0.5
    check_plan(problem, plan)


def test_max_stops_filled_by_required_keeps_exactly_the_required():
    cands = [Candidate(f"c{i}", 5, 5, ((0, 500),), required=i < 3) for i in range(30)]
    problem = line_problem(cands, gap=1.0, max_stops=3)
    plan = solve(problem, time_limit=0.5)
    check_plan(problem, plan)
    assert {v.key for v in plan.visits} == {"c0", "c1", "c2"}


@pytest.mark.parametrize("size", [3, 30])
def test_stops_worth_nothing_are_left_out(size):
    cands = [Candidate(f"c{i}", 0 if i % 2 else 1, 5, ((0, 500),)) for i in range(size)]
    plan = solve(line_problem(cands, gap=1.0), time_limit=0.3)
    assert all(int(v.key[1:]) % 2 == 0 for v in plan.visits)
    assert plan.score == (size + 1) // 2
