"""Benchmark the planning engine on Solomon/Cordeau OPTW instances, one route or m (TOPTW).

    python benchmarks/optw.py benchmarks/data/optw [--time-limit 2] [--routes 1] [--compare]
                              [--only c1,r1,rc1] [--seed 0]

Prints one JSON line per instance and time limit: {"instance", "score", "best_known", "gap_pct",
"seconds", "routes", "time_limit"} (plus "compare" with VROOM's and OR-Tools' results under
--compare, both given m vehicles and run once, OR-Tools for the largest limit), then a summary
table per instance set on stderr. `--time-limit 0.05,0.1,0.5,2` gives a time-to-quality table.
With `--routes m` (m > 1) the instance becomes m days (see `to_problem`) and `best_known` is the
best score of any solver in the run. Every reported route is re-checked by `check_route`, which
recomputes the schedule and the score in exact integer units (tenths or hundredths of a minute),
independently of the engine. Reference scores for one route: benchmarks/data/best_known.json
(from data/optw/README.md).
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
from benchmarks.comparators import run_ortools, run_vroom  # noqa: E402

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


def to_problem(inst: OptwInstance, routes: int = 1) -> Problem:
    """The engine's Problem in minutes; index 0 and N+1 are both the depot.

    With `routes` m > 1, the team-orienteering version as m days: day k is the horizon shifted
    by k·H (H = the depot's closing time) and every window is repeated on each day.
    """
    s, shift = inst.scale, inst.closes[0]
    order = [0, *range(1, inst.size + 1), 0]
    travel = (inst.travel[np.ix_(order, order)] / s).tolist()
    candidates = [
        Candidate(
            i,
            inst.score[i],
            inst.service[i] / s,
            tuple(
                ((inst.opens[i] + k * shift) / s, (inst.closes[i] + k * shift) / s)
                for k in range(routes)
            ),  # fmt: skip
        )
        for i in range(1, inst.size + 1)
    ]
    if routes == 1:
        return Problem(candidates, travel, inst.opens[0] / s, inst.closes[0] / s)
    days = tuple(
        ((inst.opens[0] + k * shift) / s, (inst.closes[0] + k * shift) / s) for k in range(routes)
    )
    return Problem(candidates, travel, days=days)


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


def check_routes(inst: OptwInstance, routes: list[list[int]], count: int) -> int:
    """Total score of at most `count` routes, each checked alone, no vertex in two of them."""
    visited = [v for route in routes for v in route]
    if len(routes) > count or len(set(visited)) != len(visited):
        raise AssertionError(f"{inst.name}: too many routes, or a vertex in two routes")
    return sum(check_route(inst, route) for route in routes)


def run_engine(
    inst: OptwInstance, routes: int, time_limit: float, seed: int
) -> tuple[list[list[int]], float]:
    problem = to_problem(inst, routes)
    began = time.perf_counter()
    plan = solve(problem, time_limit=time_limit, seed=seed)
    seconds = time.perf_counter() - began
    return [[v.key for v in route] for route in plan.routes], seconds


def set_of(name: str) -> str:
    """c101 -> c1, rc205 -> rc2, pr07 -> pr01-10, pr13 -> pr11-20."""
    if name.startswith("pr"):
        return "pr01-10" if int(name[2:]) <= 10 else "pr11-20"
    return name[:-2]


def bench_one(inst: OptwInstance, args: argparse.Namespace, literature: int) -> list[dict]:
    """One JSON line per engine time limit, each with the comparators' results under --compare.

    The reference is the literature's for one route; for m routes (no published table for
    these instances here) it is the best score any solver reached in this run.
    """
    scores = {}
    for limit in args.limits:
        routes, seconds = run_engine(inst, args.routes, limit, args.seed)
        scores[limit] = (check_routes(inst, routes, args.routes), seconds)
    compare = {}
    runners = {"vroom": run_vroom, "ortools": run_ortools}
    for name in [name for name in args.compare.split(",") if name]:
        runner = runners[name]
        out = runner(inst, args.routes, max(args.limits))
        if out is not None:
            compare[name] = (check_routes(inst, out[0], args.routes), out[1])
    everything = [score for score, _ in [*scores.values(), *compare.values()]]
    ref = literature if args.routes == 1 else max(everything)
    lines = []
    for limit, (score, seconds) in scores.items():
        line = {"instance": inst.name, **_result(score, seconds, ref), "best_known": ref}
        line = {k: line[k] for k in ("instance", "score", "best_known", "gap_pct", "seconds")}
        line |= {"routes": args.routes, "time_limit": limit}
        if compare:
            line["compare"] = {name: _result(*got, ref) for name, got in compare.items()}
        lines.append(line)
    return lines


def _result(score: int, seconds: float, ref: int) -> dict:
    gap = 100.0 * (ref - score) / ref if ref else 0.0
    return {"score": score, "gap_pct": round(gap, 3), "seconds": round(seconds, 3)}


GROUPS = {"c1+r1+rc1": ("c1", "r1", "rc1"), "c2+r2+rc2": ("c2", "r2", "rc2")}


def summarise(lines: list[dict]) -> None:
    """Per instance set (and the groups): mean and worst gap, references hit, mean seconds."""
    print("| set | n | solver | mean gap % | worst gap % | hit | mean s |", file=sys.stderr)
    print("|---|---:|---|---:|---:|---:|---:|", file=sys.stderr)
    sets = sorted({set_of(line["instance"]) for line in lines}, key=_set_order)
    groups = [(name, (name,)) for name in sets]
    groups += [(g, members) for g, members in GROUPS.items() if set(members) <= set(sets)]
    groups += [("all", tuple(sets))] if len(sets) > 1 else []
    for name, members in groups:
        rows = [line for line in lines if set_of(line["instance"]) in members]
        for solver, got in _by_solver(rows).items():
            gaps = [g["gap_pct"] for g in got]
            print(
                f"| {name} | {len(got)} | {solver} | {statistics.mean(gaps):.2f} | "
                f"{max(gaps):.2f} | {sum(1 for g in gaps if g <= 0)}/{len(got)} | "
                f"{statistics.mean(g['seconds'] for g in got):.2f} |",
                file=sys.stderr,
            )


def _by_solver(rows: list[dict]) -> dict[str, list[dict]]:
    """Engine results per time limit, then each comparator once per instance."""
    out: dict[str, list[dict]] = {}
    for line in rows:
        out.setdefault(f"engine {line['time_limit']:g} s", []).append(line)
    first = {line["instance"]: line for line in reversed(rows)}
    for line in first.values():
        for name, got in line.get("compare", {}).items():
            out.setdefault(name, []).append(got)
    return out


def _set_order(group: str) -> tuple[int, str]:
    order = ["c1", "r1", "rc1", "c2", "r2", "rc2", "pr01-10", "pr11-20"]
    return (order.index(group) if group in order else len(order), group)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument(
        "--time-limit", default="2", help="seconds per instance; a list (0.05,0.1,0.5,2) runs each"
    )
    parser.add_argument("--routes", type=int, default=1, help="m routes (days) per instance")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--compare",
        nargs="?",
        const="vroom,ortools",
        default="",
        help="also run VROOM and OR-Tools (or those named: --compare vroom)",
    )
    parser.add_argument("--only", default="", help="sets or instances, e.g. c1,r1,rc101")
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    args.limits = [float(x) for x in args.time_limit.split(",")]
    known = {k: v["score"] for k, v in json.loads(BEST_KNOWN.read_text()).items()}
    wanted = {w for w in args.only.split(",") if w}
    lines = []
    paths = sorted(args.directory.glob("*.txt"), key=lambda p: (_set_order(set_of(p.stem)), p.stem))
    for path in paths:
        if wanted and path.stem not in wanted and set_of(path.stem) not in wanted:
            continue
        inst = load(path)
        for line in bench_one(inst, args, known[inst.name]):
            print(json.dumps(line), flush=True)
            lines.append(line)
    if lines:
        summarise(lines)


if __name__ == "__main__":
    main()
