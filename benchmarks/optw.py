"""Benchmark the planning engine on Solomon/Cordeau OPTW instances (single route, m = 1).

    python benchmarks/optw.py benchmarks/data/optw [--time-limit 2] [--compare] [--only c1,r1,rc1]

Prints one JSON line per instance: {"instance", "score", "best_known", "gap_pct", "seconds"}
(plus "compare" with VROOM's and OR-Tools' results under --compare), then a summary table per
instance set on stderr. Every reported route is re-checked by `check_route`, which recomputes the
schedule and the score in exact integer units (tenths or hundredths of a minute), independently of
the engine. Reference scores: benchmarks/data/best_known.json (from data/optw/README.md).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.planner import Candidate, Problem, solve  # noqa: E402

BEST_KNOWN = Path(__file__).resolve().parent / "data" / "best_known.json"


@dataclass(frozen=True)
class OptwInstance:
    """One instance in integer time units: `scale` units per minute (10 Solomon, 100 Cordeau)."""

    name: str
    scale: int
    travel: np.ndarray  # (N+1, N+1) int, vertex 0 = depot
    service: list[int]
    score: list[int]
    opens: list[int]
    closes: list[int]

    @property
    def size(self) -> int:
        return len(self.score) - 1


def load(path: Path) -> OptwInstance:
    """Parse a KU Leuven OPTW file; travel = Euclidean distance rounded down to 1/scale."""
    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    count = int(lines[0][2])
    rows = [
        (float(f[1]), float(f[2]), float(f[3]), float(f[4]), float(f[-2]), float(f[-1]))
        for f in lines[2 : 3 + count]
    ]
    scale = 100 if path.stem.startswith("pr") else 10
    xy = np.array([(r[0], r[1]) for r in rows])
    dist = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
    return OptwInstance(
        name=path.stem,
        scale=scale,
        travel=np.floor(dist * scale + 1e-9).astype(np.int64),
        service=[round(r[2] * scale) for r in rows],
        score=[round(r[3]) for r in rows],
        opens=[round(r[4] * scale) for r in rows],
        closes=[round(r[5] * scale) for r in rows],
    )


def to_problem(inst: OptwInstance) -> Problem:
    """The engine's Problem in minutes; index 0 and N+1 are both the depot."""
    s = inst.scale
    order = [0, *range(1, inst.size + 1), 0]
    travel = (inst.travel[np.ix_(order, order)] / s).tolist()
    candidates = [
        Candidate(i, inst.score[i], inst.service[i] / s, ((inst.opens[i] / s, inst.closes[i] / s),))
        for i in range(1, inst.size + 1)
    ]
    return Problem(candidates, travel, inst.opens[0] / s, inst.closes[0] / s)


def check_route(inst: OptwInstance, route: list[int]) -> int:
    """Score of `route` (vertex ids, depot excluded) after checking every time window exactly."""
    if len(set(route)) != len(route) or not all(1 <= v <= inst.size for v in route):
        raise AssertionError(f"{inst.name}: route repeats or invents vertices")
    clock, here = inst.opens[0], 0
    for v in route:
        start = max(clock + int(inst.travel[here, v]), inst.opens[v])
        if start > inst.closes[v]:
            raise AssertionError(f"{inst.name}: vertex {v} starts after its window closes")
        clock, here = start + inst.service[v], v
    if clock + int(inst.travel[here, 0]) > inst.closes[0]:
        raise AssertionError(f"{inst.name}: the route returns to the depot too late")
    return sum(inst.score[v] for v in route)


def run_engine(inst: OptwInstance, time_limit: float, seed: int) -> tuple[list[int], float]:
    problem = to_problem(inst)
    began = time.perf_counter()
    plan = solve(problem, time_limit=time_limit, seed=seed)
    return [v.key for v in plan.visits], time.perf_counter() - began


def run_vroom(inst: OptwInstance, time_limit: float) -> tuple[list[int], float] | None:
    """VROOM with priorities = scores (it maximises total priority first)."""
    try:
        import vroom
    except ImportError:
        return None
    problem = vroom.Input()
    problem.set_durations_matrix(profile="car", matrix_input=inst.travel.tolist())
    window = vroom.TimeWindow(inst.opens[0], inst.closes[0])
    problem.add_vehicle(vroom.Vehicle(0, start=0, end=0, time_window=window))
    for i in range(1, inst.size + 1):
        tw = [vroom.TimeWindow(inst.opens[i], inst.closes[i])]
        problem.add_job(
            vroom.Job(
                i,
                location=i,
                default_service=inst.service[i],
                priority=inst.score[i],
                time_windows=tw,
            )
        )
    began = time.perf_counter()
    solution = problem.solve(exploration_level=5, nb_threads=2)
    seconds = time.perf_counter() - began
    steps = solution.routes
    jobs = steps[steps["type"] == "job"]["id"].tolist()
    return [int(j) for j in jobs], seconds


def run_ortools(inst: OptwInstance, time_limit: float) -> tuple[list[int], float] | None:
    """OR-Tools routing: optional visits with penalty = score x (an upper bound on travel).

    Tabu search from PATH_CHEAPEST_ARC: in a short trial on r103, rc101, r106, c103 and c201
    it beat guided local search and simulated annealing, which stall far from the optimum here.
    """
    try:
        from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    except ImportError:
        return None
    model = _OrToolsModel(inst, pywrapcp)
    params = pywrapcp.DefaultRoutingSearchParameters()
    first = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.first_solution_strategy = first
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.TABU_SEARCH
    params.time_limit.FromMilliseconds(int(time_limit * 1000))
    began = time.perf_counter()
    solution = model.routing.SolveWithParameters(params)
    seconds = time.perf_counter() - began
    return model.route(solution), seconds


class _OrToolsModel:
    """One vehicle, a time dimension with the windows, and a droppable disjunction per vertex."""

    def __init__(self, inst: OptwInstance, pywrapcp) -> None:
        self.inst, self.travel = inst, inst.travel.tolist()
        self.manager = pywrapcp.RoutingIndexManager(inst.size + 1, 1, 0)
        self.routing = routing = pywrapcp.RoutingModel(self.manager)
        routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(self.arc))
        horizon = inst.closes[0]
        routing.AddDimension(
            routing.RegisterTransitCallback(self.step), horizon, horizon, False, "T"
        )
        clock = routing.GetDimensionOrDie("T")
        for i in range(1, inst.size + 1):
            index = self.manager.NodeToIndex(i)
            clock.CumulVar(index).SetRange(inst.opens[i], inst.closes[i])
            routing.AddDisjunction([index], inst.score[i] * (horizon + 1))
        for index in (routing.Start(0), routing.End(0)):
            clock.CumulVar(index).SetRange(inst.opens[0], inst.closes[0])

    def arc(self, i: int, j: int) -> int:
        return self.travel[self.manager.IndexToNode(i)][self.manager.IndexToNode(j)]

    def step(self, i: int, j: int) -> int:
        a, b = self.manager.IndexToNode(i), self.manager.IndexToNode(j)
        return self.inst.service[a] + self.travel[a][b]

    def route(self, solution) -> list[int]:
        route, index = [], self.routing.Start(0)
        while solution is not None and not self.routing.IsEnd(index):
            index = solution.Value(self.routing.NextVar(index))
            if not self.routing.IsEnd(index):
                route.append(self.manager.IndexToNode(index))
        return route


def set_of(name: str) -> str:
    """c101 -> c1, rc205 -> rc2, pr07 -> pr01-10, pr13 -> pr11-20."""
    if name.startswith("pr"):
        return "pr01-10" if int(name[2:]) <= 10 else "pr11-20"
    return name[:-2]


def result(inst: OptwInstance, route: list[int], seconds: float, ref: int) -> dict:
    score = check_route(inst, route)
    gap = 100.0 * (ref - score) / ref
    return {"score": score, "gap_pct": round(gap, 3), "seconds": round(seconds, 3)}


def bench_one(inst: OptwInstance, args: argparse.Namespace, ref: int) -> dict:
    route, seconds = run_engine(inst, args.time_limit, args.seed)
    line = {"instance": inst.name, **result(inst, route, seconds, ref), "best_known": ref}
    line = {k: line[k] for k in ("instance", "score", "best_known", "gap_pct", "seconds")}
    if args.compare:
        line["compare"] = {}
        for name, runner in (("vroom", run_vroom), ("ortools", run_ortools)):
            out = runner(inst, args.time_limit)
            if out is not None:
                line["compare"][name] = result(inst, *out, ref)
    return line


def summarise(lines: list[dict], known: dict) -> None:
    """Per instance set: mean and worst gap, optima (or references) hit, mean seconds."""
    solvers = ["engine", *sorted({s for line in lines for s in line.get("compare", {})})]
    print("| set | n | solver | mean gap % | worst gap % | hit | mean s |", file=sys.stderr)
    print("|---|---:|---|---:|---:|---:|---:|", file=sys.stderr)
    for group in sorted({set_of(line["instance"]) for line in lines}, key=_set_order):
        rows = [line for line in lines if set_of(line["instance"]) == group]
        for solver in solvers:
            got = [r if solver == "engine" else r["compare"].get(solver) for r in rows]
            got = [g for g in got if g]
            if not got:
                continue
            gaps = [g["gap_pct"] for g in got]
            hit = sum(1 for g in gaps if g <= 0)
            print(
                f"| {group} | {len(got)} | {solver} | {statistics.mean(gaps):.2f} | "
                f"{max(gaps):.2f} | {hit}/{len(got)} | "
                f"{statistics.mean(g['seconds'] for g in got):.2f} |",
                file=sys.stderr,
            )


def _set_order(group: str) -> tuple[int, str]:
    order = ["c1", "r1", "rc1", "c2", "r2", "rc2", "pr01-10", "pr11-20"]
    return (order.index(group) if group in order else len(order), group)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--time-limit", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--compare", action="store_true", help="also run VROOM and OR-Tools")
    parser.add_argument("--only", default="", help="sets or instances, e.g. c1,r1,rc101")
    args = parser.parse_args(argv)
    known = {k: v["score"] for k, v in json.loads(BEST_KNOWN.read_text()).items()}
    wanted = {w for w in args.only.split(",") if w}
    lines = []
    paths = sorted(args.directory.glob("*.txt"), key=lambda p: (_set_order(set_of(p.stem)), p.stem))
    for path in paths:
        if wanted and path.stem not in wanted and set_of(path.stem) not in wanted:
            continue
        inst = load(path)
        line = bench_one(inst, args, known[inst.name])
        print(json.dumps(line), flush=True)
        lines.append(line)
    if lines:
        summarise(lines, known)


if __name__ == "__main__":
    main()
