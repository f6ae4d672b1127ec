"""VROOM and OR-Tools on an OPTW / TOPTW instance (optional `bench` extra), for `optw.py --compare`.

Both get the m routes as m vehicles sharing the depot's time window (the same problem as the
engine's m days, whose horizons are shifted copies). Each returns the routes as lists of vertex
ids and the seconds spent, or None when the package is not installed.
"""

from __future__ import annotations

import time


def run_vroom(inst, routes: int, time_limit: float) -> tuple[list[list[int]], float] | None:
    """VROOM with priorities = scores (it maximises total priority first); runs to completion."""
    try:
        import vroom
    except ImportError:
        return None
    problem = vroom.Input()
    problem.set_durations_matrix(profile="car", matrix_input=inst.travel.tolist())
    window = vroom.TimeWindow(inst.opens[0], inst.closes[0])
    for k in range(routes):
        problem.add_vehicle(vroom.Vehicle(k, start=0, end=0, time_window=window))
    for i in range(1, inst.size + 1):
        tw = [vroom.TimeWindow(inst.opens[i], inst.closes[i])]
        job = vroom.Job(
            i, location=i, default_service=inst.service[i], priority=inst.score[i], time_windows=tw
        )
        problem.add_job(job)
    began = time.perf_counter()
    solution = problem.solve(exploration_level=5, nb_threads=2)
    seconds = time.perf_counter() - began
    steps = solution.routes
    jobs = steps[steps["type"] == "job"]
    return [
        [int(j) for j in jobs[jobs["vehicle_id"] == k]["id"].tolist()] for k in range(routes)
    ], seconds


def run_ortools(inst, routes: int, time_limit: float) -> tuple[list[list[int]], float] | None:
    """OR-Tools routing: optional visits with penalty = score x (an upper bound on travel).

    Tabu search from PATH_CHEAPEST_ARC: in a short trial on r103, rc101, r106, c103 and c201
    it beat guided local search and simulated annealing, which stall far from the optimum here.
    """
    try:
        from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    except ImportError:
        return None
    model = _OrToolsModel(inst, routes, pywrapcp)
    params = pywrapcp.DefaultRoutingSearchParameters()
    first = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.first_solution_strategy = first
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.TABU_SEARCH
    params.time_limit.FromMilliseconds(int(time_limit * 1000))
    began = time.perf_counter()
    solution = model.routing.SolveWithParameters(params)
    seconds = time.perf_counter() - began
    return [model.route(solution, k) for k in range(routes)], seconds


class _OrToolsModel:
    """m vehicles, a time dimension with the windows, and a droppable disjunction per vertex."""

    def __init__(self, inst, routes: int, pywrapcp) -> None:
        self.inst, self.travel = inst, inst.travel.tolist()
        self.manager = pywrapcp.RoutingIndexManager(inst.size + 1, routes, 0)
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
        for k in range(routes):
            for index in (routing.Start(k), routing.End(k)):
                clock.CumulVar(index).SetRange(inst.opens[0], inst.closes[0])

    def arc(self, i: int, j: int) -> int:
        return self.travel[self.manager.IndexToNode(i)][self.manager.IndexToNode(j)]

    def step(self, i: int, j: int) -> int:
        a, b = self.manager.IndexToNode(i), self.manager.IndexToNode(j)
        return self.inst.service[a] + self.travel[a][b]

    def route(self, solution, vehicle: int) -> list[int]:
        route, index = [], self.routing.Start(vehicle)
        while solution is not None and not self.routing.IsEnd(index):
            index = solution.Value(self.routing.NextVar(index))
            if not self.routing.IsEnd(index):
                route.append(self.manager.IndexToNode(index))
        return route
