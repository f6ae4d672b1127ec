"""Time the engine on realistic, randomly generated (seeded) Hanoi craft-village days.

    python benchmarks/planner_day.py [--days 50] [--candidates 40] [--reference 5]

A day: start and end at a hotel in the centre, 08:00-18:00, `--candidates` places 8-45 km out
(travel at ~25 km/h on roads 1.3x longer than the straight line, plus 5 minutes to park); about
half are villages open all day, the rest workshops with 1-4 fixed slots (or a 30-minute flexible
start). Scores 1-10, visits of 30-150 minutes, 0-2 required stops. Prints the median and p95
solve time with the default settings and, with `--reference S`, the score gap to the best of
two long runs (other seeds, S seconds in all per day): how much the default run leaves behind.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.planner import Candidate, Infeasible, Problem, solve  # noqa: E402
from app.planner.heuristic import search  # noqa: E402
from app.planner.schedule import compile_problem  # noqa: E402

DAY_START, DAY_END = 8 * 60.0, 18 * 60.0
SLOT_TIMES = [8.5, 9, 9.5, 10, 10.5, 13, 13.5, 14, 14.5, 15, 15.5, 16]


def make_day(seed: int, size: int) -> Problem:
    """A seeded random day with `size` candidates around a central hotel."""
    rng = random.Random(seed)
    points = [(0.0, 0.0)]
    for _ in range(size):
        radius, angle = rng.uniform(8, 45), rng.uniform(0, 2 * math.pi)
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    points.append((0.0, 0.0))
    travel = [[_minutes(p, q) for q in points] for p in points]
    candidates = [_candidate(rng, i) for i in range(size)]
    for i in rng.sample(range(size), rng.randint(0, 2)):
        candidates[i] = _village(rng, i, required=True)
    return Problem(candidates, travel, DAY_START, DAY_END)


def _minutes(p: tuple[float, float], q: tuple[float, float]) -> float:
    if p == q:
        return 0.0
    return round(5 + math.dist(p, q) * 1.3 / 25 * 60, 1)


def _candidate(rng: random.Random, index: int) -> Candidate:
    """Half villages open all day, half workshops with 1-4 slots (some with a flexible start)."""
    if rng.random() < 0.5:
        return _village(rng, index, required=False)
    duration = float(rng.choice((60, 90, 120, 150)))
    hours = sorted(rng.sample(SLOT_TIMES, rng.randint(1, 4)))
    flexible = 30.0 if rng.random() < 0.3 else 0.0
    windows = tuple((h * 60, h * 60 + flexible) for h in hours)
    return Candidate(f"workshop-{index}", float(rng.randint(1, 10)), duration, windows)


def _village(rng: random.Random, index: int, *, required: bool) -> Candidate:
    """A village to walk around, open 08:00-17:00; required ones are the visitor's must-sees."""
    duration = float(rng.choice((30, 45, 60, 90)))
    windows = ((DAY_START, 17 * 60.0 - duration),)
    score = float(rng.randint(1, 10))
    return Candidate(f"village-{index}", score, duration, windows, required=required)


def run(problem: Problem, time_limit: float) -> tuple[float, float]:
    began = time.perf_counter()
    try:
        score = solve(problem, time_limit=time_limit, seed=0).score
    except Infeasible:
        score = float("nan")
    return score, time.perf_counter() - began


def reference(problem: Problem, seconds: float) -> float:
    """Best score of two long metaheuristic runs (other seeds, no early stop)."""
    inst = compile_problem(problem)
    runs = [search(inst, seconds / 2, seed, min_stall=10**9) for seed in (1, 2)]
    return max((r.score for r in runs if inst.required <= set(r.nodes)), default=math.nan)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=50)
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--reference", type=float, default=0.0, help="seconds per reference run")
    args = parser.parse_args(argv)
    times, gaps, infeasible = [], [], 0
    for seed in range(args.days):
        problem = make_day(seed, args.candidates)
        score, seconds = run(problem, 1.0)
        times.append(seconds)
        infeasible += math.isnan(score)
        if args.reference:
            best = reference(problem, args.reference)
            if not math.isnan(score):
                gaps.append(0.0 if best <= score else 100 * (best - score) / best)
    times.sort()
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    median = 1000 * statistics.median(times)
    print(
        f"{args.days} days x {args.candidates} candidates: median {median:.1f} ms, "
        f"p95 {1000 * p95:.1f} ms, max {1000 * times[-1]:.1f} ms; {infeasible} infeasible"
    )
    if gaps:
        print(
            f"gap to {args.reference:g}-s runs: mean {statistics.mean(gaps):.2f} %, "
            f"worst {max(gaps):.2f} %, equal on {sum(g == 0 for g in gaps)}/{len(gaps)} days"
        )


if __name__ == "__main__":
    main()
