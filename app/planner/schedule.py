"""Timing of a fixed visiting order: earliest starts with several windows, feasibility, travel.

Starting every visit as early as possible is optimal for a fixed order, even with several
windows: the earliest feasible start is a non-decreasing function of the arrival time, so an
earlier arrival never makes anything later infeasible. Internally nodes are indices: 0 is the
start, 1..n the candidates in problem order, n+1 the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.planner.model import Plan, Problem, Visit, Window

EPS = 1e-6  # tolerance in minutes for every time comparison (float sums of rounded travel)
INF = float("inf")


@dataclass(frozen=True)
class Instance:
    """A problem compiled for the solvers: plain lists for scalar loops, arrays for numpy."""

    problem: Problem
    n: int
    travel: list[list[float]]
    travel_np: np.ndarray
    duration: list[float]
    score: list[float]
    duration_np: np.ndarray
    score_np: np.ndarray
    windows: list[tuple[Window, ...]]
    opens: np.ndarray  # (n+2, W), padded with +inf
    closes: np.ndarray  # (n+2, W), padded with -inf
    required: frozenset[int]
    max_stops: int

    @property
    def end(self) -> int:
        return self.n + 1


def compile_problem(problem: Problem) -> Instance:
    """Turn a validated Problem into the index-based form the solvers use."""
    cands = problem.candidates
    n = len(cands)
    day = ((problem.day_start, problem.day_end),)
    windows = [day, *(c.windows for c in cands), day]
    width = max(len(w) for w in windows)
    opens = np.full((n + 2, width), INF)
    closes = np.full((n + 2, width), -INF)
    for i, wins in enumerate(windows):
        for k, (a, b) in enumerate(wins):
            opens[i, k], closes[i, k] = a, b
    duration = [0.0, *(float(c.duration) for c in cands), 0.0]
    score = [0.0, *(float(c.score) for c in cands), 0.0]
    return Instance(
        problem=problem,
        n=n,
        travel=[list(row) for row in problem.travel],
        travel_np=np.array(problem.travel, dtype=float),
        duration=duration,
        score=score,
        duration_np=np.array(duration),
        score_np=np.array(score),
        windows=windows,
        opens=opens,
        closes=closes,
        required=frozenset(i + 1 for i, c in enumerate(cands) if c.required),
        max_stops=n if problem.max_stops is None else min(n, problem.max_stops),
    )


def earliest_start(windows: tuple[Window, ...], arrival: float) -> tuple[float, int]:
    """Earliest start at or after `arrival` inside a window, with its index; (inf, -1) if none."""
    for k, (a, b) in enumerate(windows):
        if arrival <= b + EPS:
            return (a if a > arrival else arrival), k
    return INF, -1


def latest_start(windows: tuple[Window, ...], limit: float) -> float:
    """Latest start no later than `limit` inside a window; -inf if every window opens after it."""
    best = -INF
    for a, b in windows:
        if a <= limit + EPS:
            best = max(best, b if b < limit else limit)
    return best


def starts_of(inst: Instance, nodes: Sequence[int]) -> list[float] | None:
    """Earliest start times along `nodes` (start ... end), or None if the order is infeasible."""
    travel, duration, windows = inst.travel, inst.duration, inst.windows
    time = inst.problem.day_start
    starts = [time]
    prev = nodes[0]
    for node in nodes[1:]:
        time, _ = earliest_start(windows[node], time + duration[prev] + travel[prev][node])
        if time == INF:
            return None
        starts.append(time)
        prev = node
    return starts


def travel_of(inst: Instance, nodes: Sequence[int]) -> float:
    """Total travel minutes along `nodes`."""
    travel = inst.travel
    return sum(travel[a][b] for a, b in zip(nodes, nodes[1:], strict=False))


def score_of(inst: Instance, nodes: Sequence[int]) -> float:
    """Total score of the candidates in `nodes`."""
    return sum(inst.score[i] for i in nodes)


def plan_of(inst: Instance, nodes: Sequence[int]) -> Plan:
    """The Plan for a feasible order `nodes` (start ... end), with earliest start times."""
    starts = starts_of(inst, nodes)
    if starts is None:
        raise ValueError("internal error: the planned order is infeasible")
    visits = []
    for node, start in zip(nodes[1:-1], starts[1:-1], strict=True):
        window = next(k for k, (a, b) in enumerate(inst.windows[node]) if start <= b + EPS)
        visits.append(Visit(inst.problem.candidates[node - 1].key, start, window))
    return Plan(visits=visits, score=score_of(inst, nodes), travel_minutes=travel_of(inst, nodes))
