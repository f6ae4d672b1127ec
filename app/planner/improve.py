"""Travel-reducing local search on a fixed set of visits: 2-opt reversals and Or-opt moves.

Used on the best plans found (fewer travel minutes is the second objective, and saved time makes
room for more visits) and to order all-required problems such as a fixed tour. A move is applied
only if it cuts travel and the reordered route still meets every window (full re-check, O(n)).
"""

from __future__ import annotations

import time

from app.planner.route import Route, day_counts_ok
from app.planner.schedule import EPS, starts_of


def polish(route: Route, deadline: float) -> None:
    """Apply improving 2-opt and Or-opt moves until none is left or the deadline passes."""
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = _two_opt(route, deadline) or _or_opt(route, deadline)
    route.reset_totals()
    route.refresh()


def _prefix(route: Route) -> tuple[list[float], list[float]]:
    """Cumulative travel along the route forwards and along each leg reversed."""
    travel, nodes = route.inst.travel, route.nodes
    fwd, bwd = [0.0], [0.0]
    for a, b in zip(nodes, nodes[1:], strict=False):
        fwd.append(fwd[-1] + travel[a][b])
        bwd.append(bwd[-1] + travel[b][a])
    return fwd, bwd


def _two_opt(route: Route, deadline: float) -> bool:
    """First improving reversal of nodes[i..j] that keeps the route feasible."""
    travel, nodes = route.inst.travel, route.nodes
    fwd, bwd = _prefix(route)
    last = len(nodes) - 2
    for i in range(1, last):
        if time.perf_counter() > deadline:
            return False
        a = nodes[i - 1]
        for j in range(i + 1, last + 1):
            b = nodes[j + 1]
            old = fwd[j + 1] - fwd[i - 1]
            new = travel[a][nodes[j]] + (bwd[j] - bwd[i]) + travel[nodes[i]][b]
            if new < old - EPS:
                order = nodes[:i] + nodes[i : j + 1][::-1] + nodes[j + 1 :]
                if _accept(route, order):
                    return True
    return False


def _or_opt(route: Route, deadline: float) -> bool:
    """First improving move of a segment of 1-3 visits to another place, either direction."""
    travel, nodes = route.inst.travel, route.nodes
    last = len(nodes) - 2
    for length in (1, 2, 3):
        for i in range(1, last - length + 2):
            if time.perf_counter() > deadline:
                return False
            j = i + length - 1
            seg = nodes[i : j + 1]
            removed = nodes[:i] + nodes[j + 1 :]
            gain = travel[nodes[i - 1]][seg[0]] + travel[seg[-1]][nodes[j + 1]]
            gain -= travel[nodes[i - 1]][nodes[j + 1]]
            if _move_segment(route, removed, seg, gain - EPS, travel):
                return True
    return False


def _move_segment(
    route: Route, rest: list[int], seg: list[int], gain: float, travel: list[list[float]]
) -> bool:
    """Reinsert `seg` into `rest` where it costs less than `gain` and stays feasible."""
    inner = sum(travel[a][b] for a, b in zip(seg, seg[1:], strict=False))
    for variant in (seg, seg[::-1]) if len(seg) > 1 else (seg,):
        inner_v = sum(travel[a][b] for a, b in zip(variant, variant[1:], strict=False))
        for k in range(1, len(rest)):
            a, b = rest[k - 1], rest[k]
            cost = travel[a][variant[0]] + travel[variant[-1]][b] - travel[a][b]
            if cost + inner_v - inner < gain:
                order = rest[:k] + variant + rest[k:]
                if order != route.nodes and _accept(route, order):
                    return True
    return False


def _accept(route: Route, order: list[int]) -> bool:
    if starts_of(route.inst, order) is None or not day_counts_ok(route.inst, order):
        return False
    route.nodes = order
    route.reset_totals()
    route.refresh()
    return True
