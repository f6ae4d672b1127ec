"""An independent plan checker and small-instance tools for the planner tests (no app, no DB)."""

from __future__ import annotations

import random

from app.planner import Candidate, Plan, Problem

TOL = 1e-6


def check_plan(problem: Problem, plan: Plan) -> None:
    """Assert that `plan` obeys every rule of SPEC §4 and that its totals are right.

    With `problem.days`, each of `plan.routes` is checked as its own day, and `plan.visits`
    must be their concatenation.
    """
    by_key = {c.key: (i + 1, c) for i, c in enumerate(problem.candidates)}
    keys = [v.key for v in plan.visits]
    assert len(set(keys)) == len(keys), "a candidate is visited twice"
    assert all(key in by_key for key in keys), "a visit names an unknown candidate"
    assert {c.key for c in problem.candidates if c.required} <= set(keys), "a required is missing"
    days = problem.days or ((problem.day_start, problem.day_end),)
    assert len(plan.routes) == len(days), "not one route per day"
    assert [v for route in plan.routes for v in route] == list(plan.visits), "visits != routes"
    pairs = zip(plan.routes, days, strict=True)
    travel = sum(_check_day(problem, by_key, route, day) for route, day in pairs)
    assert abs(plan.score - sum(by_key[k][1].score for k in keys)) <= TOL, "wrong score"
    assert abs(plan.travel_minutes - travel) <= TOL, "wrong travel_minutes"


def _check_day(problem: Problem, by_key: dict, route, day: tuple[float, float]) -> float:
    """Check one day's route from the start at day[0] to the end by day[1]; returns its travel."""
    if problem.max_stops is not None:
        assert len(route) <= problem.max_stops, "too many stops"
    here, free, travel = 0, day[0], 0.0
    for visit in route:
        index, cand = by_key[visit.key]
        low, high = cand.windows[visit.window]
        assert low - TOL <= visit.start <= high + TOL, f"{visit.key} starts outside its window"
        assert visit.start >= free + problem.travel[here][index] - TOL, f"{visit.key} too early"
        travel += problem.travel[here][index]
        here, free = index, visit.start + cand.duration
    end = len(problem.candidates) + 1
    assert free + problem.travel[here][end] <= day[1] + TOL, "the end is reached too late"
    return travel + problem.travel[here][end]


def brute_force(problem: Problem) -> tuple[float, float] | None:
    """Best (score, travel) over every feasible visiting order; None if none has all required.

    A depth-first enumeration of all orders, day after day (each day's route may stop after
    any visit, then the next day starts from the start with the candidates left); an order is
    only cut when its last visit cannot start in any window, which no later visit can repair.
    """
    n = len(problem.candidates)
    required = {i + 1 for i, c in enumerate(problem.candidates) if c.required}
    limit = n if problem.max_stops is None else problem.max_stops
    days = problem.days or ((problem.day_start, problem.day_end),)
    best: list[tuple[float, float] | None] = [None]

    def extend(day: int, order: list[int], today: int, free: float, score: float, travel: float):
        here = order[-1] if today else 0
        if free + problem.travel[here][n + 1] <= days[day][1] + TOL:
            total = travel + problem.travel[here][n + 1]
            if day + 1 < len(days):
                extend(day + 1, order, 0, days[day + 1][0], score, total)
            elif required <= set(order) and (best[0] is None or _better(score, total, *best[0])):
                best[0] = (score, total)
        for nxt in range(1, n + 1) if today < limit else ():
            cand = problem.candidates[nxt - 1]
            start = _earliest(cand, free + problem.travel[here][nxt])
            if nxt not in order and start is not None:
                leg = problem.travel[here][nxt]
                extend(day, [*order, nxt], today + 1, start + cand.duration, score + cand.score,
                       travel + leg)  # fmt: skip

    extend(0, [0], 0, days[0][0], 0.0, 0.0)
    return best[0]


def _earliest(cand: Candidate, arrive: float) -> float | None:
    starts = [max(arrive, a) for a, b in cand.windows if max(arrive, a) <= b + TOL]
    return min(starts) if starts else None


def _better(score: float, travel: float, best_score: float, best_travel: float) -> bool:
    if score > best_score + TOL:
        return True
    return score > best_score - TOL and travel < best_travel - TOL


def random_problem(seed: int, n: int, *, metric: bool = True, nested: bool = False) -> Problem:
    """A seeded random problem: integer times, 1-3 windows (some fixed slots), ties in score."""
    rng = random.Random(seed)
    if metric:
        points = [(rng.uniform(0, 60), rng.uniform(0, 60)) for _ in range(n + 2)]
        travel = [
            [float(round(abs(p[0] - q[0]) + abs(p[1] - q[1]))) for q in points] for p in points
        ]
    else:
        travel = [
            [0.0 if i == j else float(rng.randint(1, 60)) for j in range(n + 2)]
            for i in range(n + 2)
        ]
    candidates = [_random_candidate(rng, f"c{i}", nested) for i in range(n)]
    stops = rng.choice([None, None, None, rng.randint(1, max(1, n))])
    return Problem(candidates, travel, 0.0, float(rng.randint(150, 480)), max_stops=stops)


def _random_candidate(rng: random.Random, key: str, nested: bool) -> Candidate:
    """1-3 windows, disjoint, or with `nested` overlapping and contained in one another."""
    windows, t = [], rng.randint(0, 120)
    for _ in range(rng.randint(1, 3)):
        width = 0 if rng.random() < 0.3 else rng.randint(5, 120)
        windows.append((float(t), float(t + width)))
        t += rng.randint(0, 40) if nested else width + rng.randint(10, 120)
    score, duration = float(rng.randint(1, 5)), float(rng.randint(0, 60))
    return Candidate(key, score, duration, tuple(windows), required=rng.random() < 0.1)


DAY = 1440.0


def random_trip(seed: int, n: int, days: int = 2, *, metric: bool = True) -> Problem:
    """A seeded random problem over `days` days: each candidate has windows on some days."""
    base = random_problem(seed, n, metric=metric)
    rng = random.Random(seed)
    length = base.day_end - base.day_start
    spans = tuple((k * DAY, k * DAY + length) for k in range(days))
    candidates = []
    for cand in base.candidates:
        on = sorted(rng.sample(range(days), rng.randint(1, days)))
        windows = tuple((a + k * DAY, b + k * DAY) for k in on for a, b in cand.windows)
        candidates.append(Candidate(cand.key, cand.score, cand.duration, windows, cand.required))
    return Problem(candidates, base.travel, max_stops=base.max_stops, days=spans)
