"""Solve one day with the planning engine, enforcing what a travel matrix cannot say (plain).

The engine takes a fixed travel matrix, but two rules depend on the route itself:

- **Lunch is eaten where you are.** Round one gives lunch zero travel to and from every place
  (it may happen anywhere, so the engine chooses its time freely). Then lunch takes the point of
  the stop before it in that plan (or the start) and the day is planned again: from then on
  lunch is a real place, so every leg and time in the answer is honest. The answer's lunch stop
  names that village.
- **No village twice.** When two chosen stops share a village (two workshops of one village),
  the lower-scored one is banned with a reason and the day is planned again.

Pinned stops that cannot fit together (the engine raises Infeasible naming them) lose their pin,
get a reason, and the day is planned again. At most MAX_ROUNDS solves; any duplicate left after
that is dropped from the route (removing a stop never makes a later one late: travel obeys the
triangle inequality and waiting is allowed).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from app.planner import Infeasible, Plan, Problem, solve
from app.trips.problem import LUNCH, DayRequest, Option, Pool, Reason

MAX_ROUNDS = 5
TIME_LIMIT = 0.15  # seconds per solve; pools of 12 or fewer are solved exactly anyway


@dataclass
class Solved:
    """The final plan, the pool's options, lunch's place and the reasons gathered on the way."""

    plan: Plan
    options: list[Option]  # all options of the pool, in matrix order (index + 1)
    lunch_host: int | None  # index in `options` + 1 of lunch's place (0 = the start)
    unplaced: dict[str, Reason]


def solve_day(request: DayRequest, pool: Pool, minutes: list[list[float]]) -> Solved:
    """Plan the day. `minutes` covers [start, *pool.options points, end]; lunch's row and column
    are ignored (each round fills them)."""
    options, unplaced = list(pool.options), dict(pool.unplaced)
    host: int | None = None
    plan = Plan()
    for _ in range(MAX_ROUNDS):
        travel = _with_lunch(options, pool.options, minutes, host)
        try:
            plan = _solve(request, options, travel)
        except Infeasible as error:
            options = _unpin(options, error.keys or _pinned(options), unplaced)
            continue
        banned = _duplicates(plan, options)
        for key in banned:
            unplaced[key] = Reason("same_village")
        options = [o for o in options if o.key not in banned]
        lunch_before = _lunch_predecessor(plan, options, pool.options)
        if banned or (lunch_before is not None and host is None):
            host = lunch_before if lunch_before is not None else host
            continue
        break
    return _finish(plan, options, pool, host, unplaced)


def _solve(request: DayRequest, options: list[Option], travel: list[list[float]]) -> Plan:
    """max_stops counts villages and workshops, not the lunch break: the engine gets one more
    place for lunch, and when lunch is left out that place is taken back and the day re-solved."""
    candidates = [option.candidate for option in options]
    stops = request.max_stops
    if stops is not None and any(o.kind == "lunch" for o in options):
        stops += 1
    problem = Problem(candidates, travel, request.day_start, request.day_end, stops)
    plan = solve(problem, time_limit=TIME_LIMIT, seed=0)
    visits = sum(1 for visit in plan.visits if visit.key != LUNCH)
    if request.max_stops is not None and visits > request.max_stops:
        problem = dataclasses.replace(problem, max_stops=request.max_stops)
        plan = solve(problem, time_limit=TIME_LIMIT, seed=0)
    return plan


def _full_index(option: Option, all_options: list[Option]) -> int:
    """By key: an unpinned option is a new object that no longer equals the pool's one."""
    return next(i for i, other in enumerate(all_options, 1) if other.key == option.key)


def _with_lunch(
    options: list[Option], all_options: list[Option], minutes: list[list[float]], host: int | None
) -> list[list[float]]:
    """The matrix over [start, *options, end]; lunch copies its host's row and column."""
    index = [0, *(_full_index(o, all_options) for o in options), len(all_options) + 1]
    lunch = next((i for i, o in enumerate(options, 1) if o.kind == "lunch"), None)
    rows = [[minutes[a][b] for b in index] for a in index]
    if lunch is None:
        return rows
    for j, b in enumerate(index):
        rows[lunch][j] = 0.0 if host is None else minutes[host][b]
        rows[j][lunch] = 0.0 if host is None else minutes[b][host]
    rows[lunch][lunch] = 0.0
    return rows


def _pinned(options: list[Option]) -> list[str]:
    return [o.key for o in options if o.candidate.required]


def _unpin(options: list[Option], keys, unplaced: dict[str, Reason]) -> list[Option]:
    """Drop the pin of `keys`: they stay candidates and are explained if they still miss out."""
    keys = set(keys)
    for key in keys:
        unplaced[key] = Reason("pinned_conflict")
    return [
        dataclasses.replace(o, candidate=dataclasses.replace(o.candidate, required=False))
        if o.key in keys
        else o
        for o in options
    ]


def _duplicates(plan: Plan, options: list[Option]) -> set[str]:
    """Keys to ban so that no village appears twice (the lower score goes, pins stay)."""
    by_key = {o.key: o for o in options}
    seen: dict[str, Option] = {}
    banned = set()
    for visit in plan.visits:
        option = by_key[visit.key]
        if option.kind == "lunch" or option.village is None:
            continue
        other = seen.get(option.village)
        if other is None:
            seen[option.village] = option
            continue
        loser = min((other, option), key=lambda o: (o.candidate.required, o.candidate.score))
        banned.add(loser.key)
        seen[option.village] = other if loser is option else option
    return banned


def _lunch_predecessor(plan: Plan, options: list[Option], all_options: list[Option]) -> int | None:
    """The full-matrix index of the place before lunch (0 = start), or None without lunch."""
    keys = [visit.key for visit in plan.visits]
    if LUNCH not in keys:
        return None
    position = keys.index(LUNCH)
    if position == 0:
        return 0
    before = next(o for o in all_options if o.key == keys[position - 1])
    return _full_index(before, all_options)


def _finish(
    plan: Plan, options: list[Option], pool: Pool, host: int | None, unplaced: dict[str, Reason]
) -> Solved:
    keys = {visit.key for visit in plan.visits}
    dups = _duplicates(plan, options)
    visits = [visit for visit in plan.visits if visit.key not in dups]
    for key in dups:
        unplaced[key] = Reason("same_village")
    plan = dataclasses.replace(plan, visits=visits)
    if LUNCH in keys and host is None:
        host = _lunch_predecessor(plan, options, pool.options)
    return Solved(plan, pool.options, host, unplaced)
