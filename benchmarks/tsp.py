"""TSP check: with every candidate required and an unbounded day the engine must find the optimum.

    python benchmarks/tsp.py [DIR] [--time-limit 2] [--names burma14,ulysses16,ulysses22]

Node 1 of each TSPLIB GEO instance is the start and the end, the others are required candidates
with no duration and no real window. Prints one JSON line per instance with the tour length found,
the published optimum and the seconds taken; where an `.opt.tour` file exists it also checks that
our GEO distance gives that tour its published length (the truncation rule of data/tsplib/README).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.planner import Candidate, Problem, solve  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "tsplib"
OPTIMUM = {
    "burma14": 3323,
    "ulysses16": 6859,
    "ulysses22": 7013,
    "gr96": 55209,
    "gr137": 69853,
    "gr202": 40160,
}
OPEN_DAY = 10.0**9


def read_coords(path: Path) -> list[tuple[float, float]]:
    """The NODE_COORD_SECTION of a TSPLIB file, in node order."""
    coords, inside = [], False
    for line in path.read_text().splitlines():
        fields = line.split()
        if not fields or fields[0] == "EOF":
            inside = inside and bool(fields)
            continue
        if fields[0] == "NODE_COORD_SECTION":
            inside = True
        elif inside:
            coords.append((float(fields[1]), float(fields[2])))
    return coords


def _radians(value: float) -> float:
    degrees = int(value)  # truncation, not rounding: see data/tsplib/README.md
    return 3.141592 * (degrees + 5.0 * (value - degrees) / 3.0) / 180.0


def geo_matrix(coords: list[tuple[float, float]]) -> list[list[int]]:
    """TSPLIB GEO distances in integer kilometres."""
    lat = [_radians(x) for x, _ in coords]
    lon = [_radians(y) for _, y in coords]
    size = len(coords)
    dist = [[0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            q1 = math.cos(lon[i] - lon[j])
            q2 = math.cos(lat[i] - lat[j])
            q3 = math.cos(lat[i] + lat[j])
            d = int(6378.388 * math.acos(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3)) + 1.0)
            dist[i][j] = dist[j][i] = d
    return dist


def opt_tour(path: Path) -> list[int]:
    """Node ids (0-based) of a TSPLIB .opt.tour file."""
    lines = path.read_text().split("TOUR_SECTION")[1].split()
    return [int(x) - 1 for x in lines if x not in ("-1", "EOF")]


def tour_length(dist: list[list[int]], tour: list[int]) -> int:
    return sum(dist[a][b] for a, b in zip(tour, tour[1:] + tour[:1], strict=True))


def tsp_problem(dist: list[list[int]]) -> Problem:
    """Node 0 is the start and the end; every other node is a required candidate."""
    order = [*range(len(dist)), 0]
    travel = [[float(dist[a][b]) for b in order] for a in order]
    candidates = [
        Candidate(i, 1.0, 0.0, ((0.0, OPEN_DAY),), required=True) for i in range(1, len(dist))
    ]
    return Problem(candidates, travel, 0.0, OPEN_DAY)


def solve_tsp(dist: list[list[int]], time_limit: float, seed: int = 0) -> tuple[int, float]:
    """Tour length found by the engine (checked independently) and the seconds it took."""
    began = time.perf_counter()
    plan = solve(tsp_problem(dist), time_limit=time_limit, seed=seed)
    seconds = time.perf_counter() - began
    tour = [0, *(v.key for v in plan.visits)]
    assert sorted(tour) == list(range(len(dist))), "the tour must visit every node once"
    length = tour_length(dist, tour)
    assert abs(length - plan.travel_minutes) < 1e-6, "travel_minutes must equal the tour length"
    return length, seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DATA)
    parser.add_argument("--time-limit", type=float, default=2.0)
    parser.add_argument("--names", default="burma14,ulysses16,ulysses22")
    args = parser.parse_args(argv)
    for name in args.names.split(","):
        dist = geo_matrix(read_coords(args.directory / f"{name}.tsp"))
        line = {"instance": name, "optimum": OPTIMUM.get(name)}
        tour_file = args.directory / f"{name}.opt.tour"
        if tour_file.exists():
            line["opt_tour_length"] = tour_length(dist, opt_tour(tour_file))
        line["length"], seconds = solve_tsp(dist, args.time_limit)
        line["seconds"] = round(seconds, 3)
        line["optimal"] = line["length"] == line["optimum"]
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
