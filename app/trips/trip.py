"""Plan several consecutive days as one problem (plain): one route per day, no village twice.

Each day's pool is built as for a single day (`problem.build_pool`); the pools are merged on one
timeline (minutes from the first day's midnight), so a workshop with slots on two days is one
candidate with the windows of both and the engine picks the day. Lunch is one candidate per day
(`lunch@<day>`). The rounds are those of `planning.solve_day` (lunch eaten where you are, no
village twice, pins that cannot fit lose their pin), applied to the whole trip; the answer is
split back into one `Solved` per day, in that day's own minutes, for `result.assemble`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from app.planner import Infeasible, Plan, Problem, Visit, solve
from app.trips.planning import MAX_ROUNDS, Solved, _duplicates, _pinned, _unpin
from app.trips.problem import LUNCH, DayRequest, Option, Pool, Reason

DAY_MINUTES = 1440
TIME_LIMIT = 0.3  # seconds per solve of the whole trip


@dataclass
class TripPool:
    """The merged options (matrix order), and each day's own reasons for wishes left out."""

    options: list[Option]
    unplaced: list[dict[str, Reason]]


def lunch_key(day: int) -> str:
    return f"{LUNCH}@{day}"


def merge_pools(pools: list[Pool]) -> TripPool:
    """One option per key with the windows (and slots) of every day it is offered on."""
    merged: dict[str, Option] = {}
    for day, pool in enumerate(pools):
        shift = day * DAY_MINUTES
        for option in pool.options:
            key = lunch_key(day) if option.kind == "lunch" else option.key
            windows = tuple((a + shift, b + shift) for a, b in option.candidate.windows)
            known = merged.get(key)
            if known is None:
                candidate = dataclasses.replace(option.candidate, key=key, windows=windows)
                merged[key] = dataclasses.replace(option, key=key, candidate=candidate)
                continue
            candidate = dataclasses.replace(
                known.candidate, windows=known.candidate.windows + windows
            )
            slots = known.slots + option.slots
            merged[key] = dataclasses.replace(known, candidate=candidate, slots=slots)
    return TripPool(list(merged.values()), [dict(pool.unplaced) for pool in pools])


def solve_trip(
    requests: list[DayRequest], pool: TripPool, minutes: list[list[float]]
) -> list[Solved]:
    """Plan every day of `requests` together. `minutes` covers [start, *pool.options, end]."""
    options, reasons = list(pool.options), {}
    hosts: dict[str, int] = {}
    plan = Plan(routes=tuple(() for _ in requests))
    for _ in range(MAX_ROUNDS):
        travel = _with_lunches(options, pool.options, minutes, hosts)
        try:
            plan = _solve(requests, options, travel)
        except Infeasible as error:
            options = _unpin(options, error.keys or _pinned(options), reasons)
            continue
        banned = _duplicates(plan, options)
        for key in banned:
            reasons[key] = Reason("same_village")
        options = [o for o in options if o.key not in banned]
        found = _lunch_hosts(plan, pool.options)
        if banned or set(found) - set(hosts):
            hosts = {**found, **hosts}
            continue
        break
    return _split(requests, plan, options, pool, (hosts, reasons))


def _solve(requests: list[DayRequest], options: list[Option], travel: list[list[float]]) -> Plan:
    first = requests[0]
    stops = first.max_stops
    if stops is not None and first.lunch:
        stops += 1  # max_stops counts villages and workshops, not the lunch break
    days = tuple(
        (k * DAY_MINUTES + r.day_start, k * DAY_MINUTES + r.day_end) for k, r in enumerate(requests)
    )
    candidates = [option.candidate for option in options]
    problem = Problem(candidates, travel, max_stops=stops, days=days)
    return solve(problem, time_limit=TIME_LIMIT, seed=0)


def _with_lunches(
    options: list[Option], all_options: list[Option], minutes: list[list[float]], hosts: dict
) -> list[list[float]]:
    """The matrix over [start, *options, end]; each lunch copies its host's row and column
    (zero travel while it has no host yet)."""
    position = {o.key: i for i, o in enumerate(all_options, 1)}  # by key: unpinned options
    index = [0, *(position[o.key] for o in options), len(all_options) + 1]  # are new objects
    rows = [[minutes[a][b] for b in index] for a in index]
    for i, option in enumerate(options, 1):
        if option.kind != "lunch":
            continue
        host = hosts.get(option.key)
        for j, b in enumerate(index):
            rows[i][j] = 0.0 if host is None else minutes[host][b]
            rows[j][i] = 0.0 if host is None else minutes[b][host]
        rows[i][i] = 0.0
    return rows


def _lunch_hosts(plan: Plan, all_options: list[Option]) -> dict[str, int]:
    """Per planned lunch, the full-matrix index of the place before it (0 = the start)."""
    index = {o.key: i for i, o in enumerate(all_options, 1)}
    hosts = {}
    for route in plan.routes:
        keys = [visit.key for visit in route]
        for position, key in enumerate(keys):
            if key.startswith(LUNCH):
                hosts[key] = index[keys[position - 1]] if position else 0
    return hosts


def _split(
    requests: list[DayRequest], plan: Plan, options: list[Option], pool: TripPool, found: tuple
) -> list[Solved]:
    """One Solved per day, in the day's minutes, with lunch named `lunch` again."""
    hosts, reasons = found
    dups = _duplicates(plan, options)
    reasons |= {key: Reason("same_village") for key in dups}
    hosts = {**_lunch_hosts(plan, pool.options), **hosts}
    days = []
    for day, route in enumerate(plan.routes):
        shift, lunch = day * DAY_MINUTES, lunch_key(day)
        kept = _within_max_stops([v for v in route if v.key not in dups], options, requests[day])
        visits = [
            Visit(LUNCH if v.key == lunch else v.key, v.start - shift, v.window) for v in kept
        ]
        score = sum(o.candidate.score for o in options if o.key in {v.key for v in route})
        day_options = [
            dataclasses.replace(o, key=LUNCH) if o.key == lunch else o for o in pool.options
        ]
        unplaced = pool.unplaced[day] | reasons
        placed_lunch = any(v.key == LUNCH for v in visits)
        host = hosts.get(lunch) if placed_lunch else None
        days.append(Solved(Plan(visits, score, 0.0, (tuple(visits),)), day_options, host, unplaced))
    return days


def _within_max_stops(route: list[Visit], options: list[Option], request: DayRequest) -> list:
    """A day whose lunch was left out may hold one visit more than max_stops (the place kept
    for lunch): drop its lowest-scored unpinned visits. Removing a stop never makes a later one
    late (the travel estimate obeys the triangle inequality, and waiting is allowed)."""
    limit = request.max_stops
    stops = [v for v in route if not v.key.startswith(LUNCH)]
    if limit is None or len(stops) <= limit:
        return route
    by_key = {o.key: o.candidate for o in options}
    droppable = sorted(
        (v for v in stops if not by_key[v.key].required), key=lambda v: by_key[v.key].score
    )
    drop = {v.key for v in droppable[: len(stops) - limit]}
    return [v for v in route if v.key not in drop]


def without_placed(requests: list[DayRequest], days: list[Solved]) -> list[DayRequest]:
    """Each day's request minus the wishes placed on another day (they are not missing)."""
    placed = [{visit.key for visit in solved.plan.visits} for solved in days]
    everywhere = set().union(*placed)
    out = []
    for request, here in zip(requests, placed, strict=True):
        elsewhere = everywhere - here
        out.append(
            dataclasses.replace(
                request, include=request.include - elsewhere, pinned=request.pinned - elsewhere
            )
        )
    return out
