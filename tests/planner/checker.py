"""An independent plan checker and small-instance tools for the planner tests (no app, no DB)."""

from __future__ import annotations

import random

from app.planner import Candidate, Plan, Problem

TOL = 1e-6


def check_plan(problem: Problem, plan: Plan) -> None:
    """Assert that `plan` obeys every rule of SPEC §4 and that its totals are right."""
    by_key = {c.key: (i + 1, c) for i, c in enumerate(problem.candidates)}
    keys = [v.key for v in plan.visits]
    assert len(set(keys)) == len(keys), "a candidate is visited twice"
    assert all(key in by_key for key in keys), "a visit names an unknown candidate"
    assert {c.key for c in problem.candidates if c.required} <= set(keys), "a required is missing"
    if problem.max_stops is not None:
        assert len(keys) <= problem.max_stops, "too many stops"
    here, free, travel = 0, problem.day_start, 0.0
    for visit in plan.visits:
        index, cand = by_key[visit.key]
        low, high = cand.windows[visit.window]
        assert low - TOL <= visit.start <= high + TOL, f"{visit.key} starts outside its window"
        assert visit.start >= free + problem.travel[here][index] - TOL, f"{visit.key} too early"
        travel += problem.travel[here][index]
        here, free = index, visit.start + cand.duration
    end = len(problem.candidates) + 1
    assert free + problem.travel[here][end] <= problem.day_end + TOL, "the end is reached too late"
    travel += problem.travel[here][end]
    assert abs(plan.score - sum(by_key[k][1].score for k in keys)) <= TOL, "wrong score"
    assert abs(plan.travel_minutes - travel) <= TOL, "wrong travel_minutes"


def brute_force(problem: Problem) -> tuple[float, float] | None:
    """Best (score, travel) over every feasible visiting order; None if none has all required.

    A depth-first enumeration of all orders; an order is only cut when its last visit cannot
    start in any window, which no later visit can repair.
    """
    n = len(problem.candidates)
    required = {i + 1 for i, c in enumerate(problem.candidates) if c.required}
    limit = n if problem.max_stops is None else problem.max_stops
    best: list[tuple[float, float] | None] = [None]

    def extend(order: list[int], free: float, score: float, travel: float) -> None:
        here = order[-1]
        if free + problem.travel[here][n + 1] <= problem.day_end + TOL and required <= set(order):
            total = travel + problem.travel[here][n + 1]
            if best[0] is None or _better(score, total, *best[0]):
                best[0] = (score, total)
        for nxt in range(1, n + 1) if len(order) <= limit else ():
            cand = problem.candidates[nxt - 1]
            start = _earliest(cand, free + problem.travel[here][nxt])
            if nxt not in order and start is not None:
                leg = problem.travel[here][nxt]
                extend([*order, nxt], start + cand.duration, score + cand.score, travel + leg)

    extend([0], problem.day_start, 0.0, 0.0)
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
