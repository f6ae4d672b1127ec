"""Metaheuristic for larger problems: iterated destroy-and-repair around greedy ratio insertion.

In the spirit of the ILS of Vansteenwegen et al. (2009), made stronger: each iteration removes
some visits (a segment, random ones or ones close together), then reinserts greedily by
score^k / time shift with noise, required candidates first (checks are O(1) per position and
vectorised with numpy). Worse routes are accepted by a simulated-annealing rule; a walk that
stops improving restarts, alternately from the best route and from a new random greedy route,
which lets the search jump between distant clusters. New best routes are polished by
travel-reducing moves, which serves the second objective and frees time for more visits.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

import numpy as np

from app.planner.improve import polish
from app.planner.route import Route, day_spans, day_table, empty_route, insertion_table
from app.planner.schedule import INF, Instance


@dataclass
class _Repair:
    """Knobs of one greedy reinsertion."""

    power: float = 2.0  # ratio = score ** power / shift
    noise: float = 0.0  # each ratio is multiplied by a factor in [1 - noise, 1]
    deferred: tuple[int, ...] = ()  # nodes only tried once nothing else fits
    deadline: float = INF  # perf_counter time after which no optional node is added


def repair(route: Route, knobs: _Repair, rng: np.random.Generator | None) -> None:
    """Insert greedily until nothing fits, required candidates first (as many as fit).

    Candidates with no score are never added unless required: they would only add travel.
    """
    inst = route.inst
    required = np.array(sorted(inst.required - set(route.nodes)), dtype=int)
    if required.size:
        _insert_all(route, required)
    free = np.ones(inst.size, dtype=bool)
    free[route.nodes] = False
    free[inst.end :] = False
    free &= inst.score_np > 0  # a stop worth nothing only adds travel
    deferred = np.zeros(inst.size, dtype=bool)
    deferred[list(knobs.deferred)] = True
    for group in (np.flatnonzero(free & ~deferred), np.flatnonzero(free & deferred)):
        _insert_greedy(route, group, knobs, rng)


def _insert_all(route: Route, nodes: np.ndarray) -> None:
    """Cheapest insertion of the nodes in `nodes`, most constrained first, while any fits."""
    while nodes.size and route.stops < route.inst.max_stops:
        table = insertion_table(route, nodes)
        shifts = table.min(axis=1)
        alive = np.isfinite(shifts)
        if not alive.any():
            return
        nodes, table, shifts = nodes[alive], table[alive], shifts[alive]
        options = np.isfinite(table).sum(axis=1)
        pick = int(np.lexsort((shifts, options))[0])
        route.insert(int(table[pick].argmin()) + 1, int(nodes[pick]))
        nodes = np.concatenate((nodes[:pick], nodes[pick + 1 :]))


def _insert_greedy(
    route: Route, pool: np.ndarray, knobs: _Repair, rng: np.random.Generator | None
) -> None:
    """Insert nodes of `pool` by best ratio until none fits or the route is full.

    The table is kept per day: an insertion changes only its own day's columns (a day break
    has a fixed time, so no change of times crosses it), so only that day is recomputed."""
    inst = route.inst
    parts: list[np.ndarray] | None = None
    while pool.size and route.stops < inst.max_stops:
        if time.perf_counter() > knobs.deadline:
            return
        if parts is None:
            parts = [day_table(route, pool, d, span) for d, span in enumerate(day_spans(route))]
        table = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)
        shifts = table.min(axis=1)
        alive = np.isfinite(shifts)
        if not alive.any():
            return
        if not alive.all():
            pool, table, shifts = pool[alive], table[alive], shifts[alive]
            parts = [part[alive] for part in parts]
        ratio = inst.score_np[pool] ** knobs.power / (np.maximum(shifts, 0.0) + 1e-3)
        if rng is not None and knobs.noise:
            ratio *= 1.0 - knobs.noise * rng.random(pool.size)
        pick = int(ratio.argmax())
        gap = int(table[pick].argmin())
        route.insert(gap + 1, int(pool[pick]))
        keep = np.arange(pool.size) != pick
        pool, parts = pool[keep], _after_insert(route, pool[keep], [p[keep] for p in parts], gap)


def _after_insert(
    route: Route, pool: np.ndarray, parts: list[np.ndarray], gap: int
) -> list[np.ndarray] | None:
    """The per-day tables after inserting at `gap`: that day recomputed (None: all of them)."""
    if len(parts) == 1:
        return None
    widths = np.cumsum([part.shape[1] for part in parts])
    day = int(np.searchsorted(widths, gap, side="right"))
    parts[day] = day_table(route, pool, day, day_spans(route)[day])
    return parts


def construct(inst: Instance, deadline: float) -> Route:
    """Deterministic greedy start: required candidates, then the best ratios."""
    route = empty_route(inst)
    repair(route, _Repair(deadline=deadline), None)
    return route


def destroy(route: Route, rng: random.Random, count: int) -> list[int]:
    """Remove about `count` visits by a randomly chosen rule; returns the removed nodes."""
    movable = route.movable()
    size = len(movable)
    count = min(count, size)
    if count <= 0:
        return []
    rule = rng.random()
    if rule < 0.4:
        first = rng.randint(0, size - count)
        positions = movable[first : first + count]
    elif rule < 0.7:
        positions = rng.sample(movable, count)
    else:
        positions = _related(route, rng, count, movable)
    removed = [route.nodes[p] for p in positions]
    route.remove(positions)
    return removed


def _related(route: Route, rng: random.Random, count: int, movable: list[int]) -> list[int]:
    """A random visit and the visits closest to it in travel time."""
    nodes, travel = route.nodes, route.inst.travel
    center = nodes[rng.choice(movable)]
    order = sorted(movable, key=lambda p: travel[center][nodes[p]] + travel[nodes[p]][center])
    return order[:count]


RESTART = 150  # iterations without improving the current walk before restarting it
PATIENCE = 200  # least number of iterations without a better route before stopping
PERSIST = (0.5, 4.0)  # the stall allowance grows with time_limit / 0.5 s, up to 4 times


@dataclass
class _State:
    """The best route overall, and the current walk (a route and the best it has reached)."""

    current: Route
    best: Route
    walk_best: Route
    temperature: float
    deadline: float
    stall: int = 0  # iterations since the best route last improved
    found_at: int = 0  # iteration that found the best route
    walk_stall: int = 0
    restarts: int = 0


def search(inst: Instance, time_limit: float, seed: int, min_stall: int | None = None) -> Route:
    """Best route found before `time_limit` seconds, or once it stalls.

    The search stalls after max(`min_stall`, iterations it took to find the best route)
    iterations without a better route, so easy problems stop early and hard ones run longer.
    By default `min_stall` grows with the candidates times the visits of the best route, and
    with the time limit (a caller who allows more time wants the search to persist longer).
    The best route has as many required candidates as the search could fit (all, normally).
    The result depends only on `seed` unless the time limit cuts the search short.
    """
    deadline = time.perf_counter() + time_limit
    start = construct(inst, deadline)
    polish(start, deadline)
    rng = random.Random(seed)
    nprng = np.random.default_rng(rng.getrandbits(63))
    temperature = 0.05 * max(inst.score) + 1e-9
    state = _State(start.copy(), start, start, temperature, deadline)
    persist = min(PERSIST[1], max(1.0, time_limit / PERSIST[0]))
    while state.stall < _patience(state, min_stall, persist) and time.perf_counter() < deadline:
        _iterate(state, rng, nprng, deadline)
    return state.best


def _patience(state: _State, min_stall: int | None, persist: float) -> int:
    if min_stall is None:
        min_stall = int(persist * max(PATIENCE, state.best.inst.n * state.best.stops))
    return max(min_stall, state.found_at)


def _restart(state: _State, rng: random.Random, nprng: np.random.Generator) -> None:
    """Start a new walk, alternately from the best route and from a random greedy route."""
    state.restarts += 1
    if state.restarts % 2 == 0:
        state.current = state.best.copy()
    else:
        route = empty_route(state.best.inst)
        first = rng.randint(1, route.inst.n)
        if len(route.inst.required) < route.inst.max_stops and route.can_insert(1, first) < INF:
            route.insert(1, first)
        knobs = _Repair(power=rng.choice((1.0, 2.0)), noise=0.5, deadline=state.deadline)
        repair(route, knobs, nprng)
        state.current = route
    state.walk_best, state.walk_stall = state.current, 0


def _iterate(
    state: _State, rng: random.Random, nprng: np.random.Generator, deadline: float
) -> None:
    """One destroy-and-repair step from the current route."""
    state.stall += 1
    state.walk_stall += 1
    if state.walk_stall >= RESTART:
        _restart(state, rng, nprng)
    trial = state.current.copy()
    removed = destroy(trial, rng, _strength(trial.stops, rng))
    if not trial.feasible():
        return
    knobs = _Repair(rng.choice((1.0, 2.0)), rng.choice((0.0, 0.2, 0.5)), deadline=deadline)
    if rng.random() < 0.5:
        knobs.deferred = tuple(removed)
    repair(trial, knobs, nprng)
    if trial.key() > state.walk_best.key():
        state.walk_best, state.walk_stall = trial, 0
    if trial.key() > state.best.key():
        polish(trial, deadline)
        state.found_at += state.stall
        state.best, state.stall = trial.copy(), 0
    _accept(state, trial, rng)


def _strength(size: int, rng: random.Random) -> int:
    """How many visits to remove: usually a few, sometimes a quarter to a half of the route.

    Long routes (several days, or wide windows) count as 24 and 48 visits: removing more at
    once costs many reinsertions and, in a packed route, rarely pays."""
    if rng.random() < 0.1:
        big = min(size, 48)
        return rng.randint(max(1, big // 4), max(1, big // 2))
    return rng.randint(1, max(1, min(size, 3 + min(size, 24) // 4)))


def _accept(state: _State, trial: Route, rng: random.Random) -> None:
    """Simulated-annealing acceptance on score; never lose required visits."""
    if trial.key()[0] < state.current.key()[0]:
        return
    delta = trial.score - state.current.score
    if delta >= 0 or rng.random() < math.exp(delta / state.temperature):
        state.current = trial
