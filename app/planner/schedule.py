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
    """A problem compiled for the solvers: plain lists for scalar loops, arrays for numpy.

    Several days become one "giant route": nodes n+2 .. n+days are day breaks, required stops
    with a fixed window at the end of day k and a duration reaching the start of day k+1,
    placed in the route like visits. Their travel is that to the end (before) and from the
    start (after), so every route rule (windows, waiting, latest starts) and every move of the
    single-day engine holds across days, and moving a visit past a break moves it to another day.
    """

    problem: Problem
    n: int
    travel: list[list[float]]
    travel_np: np.ndarray
    duration: list[float]
    score: list[float]
    duration_np: np.ndarray
    score_np: np.ndarray
    windows: list[tuple[Window, ...]]
    opens: np.ndarray  # (size, W), padded with +inf
    closes: np.ndarray  # (size, W), padded with -inf
    required: frozenset[int]  # required candidates (day breaks are kept apart)
    max_stops: int  # over the whole trip
    begin: float = 0.0  # when the first route leaves the start
    finish: float = 0.0  # when the last route must reach the end
    breaks: tuple[int, ...] = ()  # day-break nodes in day order
    day_stops: int | None = None  # max_stops per day when it binds over several days
    day_windows: tuple[tuple[np.ndarray, np.ndarray], ...] = ()  # per day: (opens, closes) of
    # the windows that overlap that day only, so a day's insertions never scan the others

    @property
    def end(self) -> int:
        return self.n + 1

    @property
    def size(self) -> int:
        """Number of nodes: start, candidates, end and day breaks."""
        return self.n + 2 + len(self.breaks)


def compile_problem(problem: Problem) -> Instance:
    """Turn a validated Problem into the index-based form the solvers use."""
    cands, days = problem.candidates, problem.day_windows
    n = len(cands)
    breaks = tuple(range(n + 2, n + 1 + len(days)))
    span = ((days[0][0], days[-1][1]),)
    windows = [span, *(c.windows for c in cands), span]
    windows += [((days[k][1], days[k][1]),) for k in range(len(breaks))]
    duration = [0.0, *(float(c.duration) for c in cands), 0.0]
    duration += [days[k + 1][0] - days[k][1] for k in range(len(breaks))]
    score = [0.0, *(float(c.score) for c in cands), 0.0, *(0.0 for _ in breaks)]
    travel = _with_breaks(np.array(problem.travel, dtype=float), len(breaks))
    opens, closes = _window_arrays(windows)
    per_day = problem.max_stops
    return Instance(
        problem=problem,
        n=n,
        travel=travel.tolist(),
        travel_np=travel,
        duration=duration,
        score=score,
        duration_np=np.array(duration),
        score_np=np.array(score),
        windows=windows,
        opens=opens,
        closes=closes,
        required=frozenset(i + 1 for i, c in enumerate(cands) if c.required),
        max_stops=n if per_day is None else min(n, per_day * len(days)),
        begin=days[0][0],
        finish=days[-1][1],
        breaks=breaks,
        day_stops=per_day if breaks and per_day is not None and per_day < n else None,
        day_windows=tuple(_day_windows(windows, day) for day in days),
    )


def _day_windows(windows: list[tuple[Window, ...]], day: Window) -> tuple[np.ndarray, np.ndarray]:
    """The window arrays restricted to the windows that overlap `day`."""
    start, end = day
    return _window_arrays(
        [tuple(w for w in wins if w[1] >= start and w[0] <= end) for wins in windows]
    )


def _with_breaks(travel: np.ndarray, count: int) -> np.ndarray:
    """Add `count` day-break nodes: reached like the end, left like the start."""
    if not count:
        return travel
    end = len(travel) - 1
    size = len(travel) + count
    full = np.zeros((size, size))
    full[: end + 1, : end + 1] = travel
    full[: end + 1, end + 1 :] = travel[:, end : end + 1]  # to a break = to the end
    full[end + 1 :, : end + 1] = travel[0:1, :]  # from a break = from the start
    full[end + 1 :, end + 1 :] = travel[0, end]  # an empty day between two breaks
    return full


def _window_arrays(windows: list[tuple[Window, ...]]) -> tuple[np.ndarray, np.ndarray]:
    width = max(1, max(len(w) for w in windows))
    opens = np.full((len(windows), width), INF)
    closes = np.full((len(windows), width), -INF)
    for i, wins in enumerate(windows):
        for k, (a, b) in enumerate(wins):
            opens[i, k], closes[i, k] = a, b
    return opens, closes


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
    time = inst.begin
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
    routes: list[list[Visit]] = [[]]
    for node, start in zip(nodes[1:-1], starts[1:-1], strict=True):
        if node > inst.end:
            routes.append([])
            continue
        window = next(k for k, (a, b) in enumerate(inst.windows[node]) if start <= b + EPS)
        routes[-1].append(Visit(inst.problem.candidates[node - 1].key, start, window))
    return Plan(
        visits=[visit for route in routes for visit in route],
        score=score_of(inst, nodes),
        travel_minutes=travel_of(inst, nodes),
        routes=tuple(tuple(route) for route in routes),
    )
