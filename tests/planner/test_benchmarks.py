"""The benchmark data reproduce published optima: TSPLIB GEO tours and Solomon OPTW scores."""

import importlib.util
import sys
from pathlib import Path

import pytest

from app.planner import solve

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def load_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


tsp = load_module("tsp")
optw = load_module("optw")


@pytest.mark.parametrize(("name", "length"), [("ulysses16", 6859), ("ulysses22", 7013)])
def test_geo_distance_gives_the_published_optimal_tour_length(name, length):
    dist = tsp.geo_matrix(tsp.read_coords(tsp.DATA / f"{name}.tsp"))
    assert tsp.tour_length(dist, tsp.opt_tour(tsp.DATA / f"{name}.opt.tour")) == length


def test_engine_orders_burma14_optimally():
    dist = tsp.geo_matrix(tsp.read_coords(tsp.DATA / "burma14.tsp"))
    length, _ = tsp.solve_tsp(dist, time_limit=2.0)
    assert length == 3323


@pytest.mark.parametrize(("name", "optimum"), [("c101", 320), ("r101", 198)])
def test_engine_reaches_easy_solomon_optima(name, optimum):
    inst = optw.load(BENCH / "data" / "optw" / f"{name}.txt")
    plan = solve(optw.to_problem(inst), time_limit=2.0)
    assert optw.check_route(inst, [v.key for v in plan.visits]) == plan.score == optimum
