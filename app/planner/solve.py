"""Entry point: checks, then the exact search for small problems or the metaheuristic."""

from __future__ import annotations

import dataclasses

from app.planner.exact import solve_exact
from app.planner.heuristic import search
from app.planner.model import Infeasible, Plan, Problem
from app.planner.schedule import EPS, Instance, compile_problem, plan_of

EXACT_LIMIT = 12  # up to this many candidates (plus days - 1) the answer is proven optimal
INCUMBENT_STALL = 60  # metaheuristic iterations spent on a starting bound for the exact search


def solve(problem: Problem, *, time_limit: float = 1.0, seed: int = 0) -> Plan:
    """Best plan: highest total score, then least travel, with every required candidate.

    With `problem.days`, one route per day, solved together (a candidate goes to the day that
    serves the whole trip best). Up to EXACT_LIMIT candidates (EXACT_LIMIT - 1 over two days,
    and so on) the plan is provably optimal (the exact search always
    finishes; it takes well under a second). Larger problems use the metaheuristic, which
    stops after `time_limit` seconds or earlier once it stops finding better plans; its result
    depends only on `seed` unless the time limit cuts it short. Raises Infeasible naming the
    required candidates that cannot fit.
    """
    inst = compile_problem(problem)
    _check_trivial(inst)
    if inst.n + len(inst.breaks) <= EXACT_LIMIT:
        nodes = _exact(inst, time_limit, seed)
    else:
        nodes = search(inst, time_limit, seed).nodes
    missing = inst.required - set(nodes)
    if missing:
        raise Infeasible(_keys(inst, missing))
    return plan_of(inst, nodes)


def _exact(inst: Instance, time_limit: float, seed: int) -> list[int]:
    start = search(inst, time_limit, seed, min_stall=INCUMBENT_STALL)
    incumbent = None
    if inst.required <= set(start.nodes):
        incumbent = (start.score, start.travel)
    nodes = solve_exact(inst, incumbent)
    if nodes is not None:
        return nodes
    if incumbent is not None:
        return start.nodes
    return _most_required(inst)


def _most_required(inst: Instance) -> list[int]:
    """An order with as many required candidates as possible (to name those that cannot fit)."""
    score = [1.0 if i in inst.required else 0.0 for i in range(inst.size)]
    relaxed = dataclasses.replace(inst, required=frozenset())
    return solve_exact(relaxed, None, score=score) or [0, *inst.breaks, inst.end]


def _check_trivial(inst: Instance) -> None:
    for start, end in inst.problem.day_windows:
        if start + inst.travel[0][inst.end] > end + EPS:
            raise Infeasible(_keys(inst, inst.required), "The day is too short to reach the end.")
    if len(inst.required) > inst.max_stops:
        raise Infeasible(
            _keys(inst, inst.required), "There are more required stops than max_stops allows."
        )


def _keys(inst: Instance, nodes: set[int] | frozenset[int]) -> list:
    return [inst.problem.candidates[i - 1].key for i in sorted(nodes)]
