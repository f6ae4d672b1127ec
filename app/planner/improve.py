"""Travel-reducing local search on a fixed set of visits: 2-opt reversals and Or-opt moves.

Used on the best plans found (fewer travel minutes is the second objective, and saved time makes
room for more visits) and to order all-required problems such as a fixed tour. A move is applied
only if it cuts travel and the reordered route still meets every window. The check replays only
the changed stretch: before it nothing moved, and after it the route's latest start of the first
unchanged position says whether the rest still fits. Moves span at most REACH positions (with
time windows, longer ones rarely fit), so a pass is O(n · REACH²) at worst on long routes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from app.planner.route import Route, day_counts_ok
from app.planner.schedule import EPS, INF, earliest_start

REACH = 24  # longest reversal, and farthest move of a segment, in positions


def polish(route: Route, deadline: float) -> None:
    """Apply improving 2-opt and Or-opt moves until none is left or the deadline passes.

    Each pass applies every improving move it meets and goes on from there."""
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = _two_opt(route, deadline)
        improved = _or_opt(route, deadline) or improved
    route.reset_totals()
    route.refresh()


def _fits(route: Route, begin: int, stretch: Iterable[int], resume: int) -> bool:
    """Whether visiting `stretch` after position begin - 1, then position `resume` and the
    unchanged rest of the route, meets every window."""
    inst = route.inst
    travel, duration, windows = inst.travel, inst.duration, inst.windows
    prev = route.nodes[begin - 1]
    clock = route.starts[begin - 1]
    for node in (*stretch, route.nodes[resume]):
        clock, _ = earliest_start(windows[node], clock + duration[prev] + travel[prev][node])
        if clock == INF:
            return False
        prev = node
    return clock <= route.latest[resume] + EPS


def _apply(route: Route, order: list[int]) -> bool:
    if not day_counts_ok(route.inst, order):
        return False
    route.nodes = order
    route.reset_totals()
    route.refresh()
    return True


def _prefix(route: Route) -> tuple[list[float], list[float]]:
    """Cumulative travel along the route forwards and along each leg reversed."""
    travel, nodes = route.inst.travel, route.nodes
    fwd, bwd = [0.0], [0.0]
    for a, b in zip(nodes, nodes[1:], strict=False):
        fwd.append(fwd[-1] + travel[a][b])
        bwd.append(bwd[-1] + travel[b][a])
    return fwd, bwd


def _two_opt(route: Route, deadline: float) -> bool:
    """One pass of improving reversals of nodes[i..j] that keep the route feasible."""
    travel = route.inst.travel
    fwd, bwd = _prefix(route)
    last, moved = len(route.nodes) - 2, False
    for i in range(1, last):
        if time.perf_counter() > deadline:
            return moved
        nodes = route.nodes
        for j in range(i + 1, min(last, i + REACH) + 1):
            a, b = nodes[i - 1], nodes[j + 1]
            old = fwd[j + 1] - fwd[i - 1]
            new = travel[a][nodes[j]] + (bwd[j] - bwd[i]) + travel[nodes[i]][b]
            if new < old - EPS and _fits(route, i, reversed(nodes[i : j + 1]), j + 1):
                order = nodes[:i] + nodes[i : j + 1][::-1] + nodes[j + 1 :]
                if _apply(route, order):
                    fwd, bwd = _prefix(route)
                    nodes, moved = route.nodes, True
    return moved


def _or_opt(route: Route, deadline: float) -> bool:
    """One pass of improving moves of a segment of 1-3 visits elsewhere, either direction."""
    moved = False
    for length in (1, 2, 3):
        i = 1
        while i < len(route.nodes) - length:
            if time.perf_counter() > deadline:
                return moved
            moved = _move_segment(route, i, i + length - 1) or moved
            i += 1
    return moved


def _move_segment(route: Route, i: int, j: int) -> bool:
    """Move nodes[i..j] (maybe reversed) to the nearby gap where it saves most travel and fits."""
    travel, nodes = route.inst.travel, route.nodes
    seg = nodes[i : j + 1]
    gain = travel[nodes[i - 1]][seg[0]] + travel[seg[-1]][nodes[j + 1]]
    gain -= travel[nodes[i - 1]][nodes[j + 1]] + EPS
    inner = sum(travel[a][b] for a, b in zip(seg, seg[1:], strict=False))
    for variant in (seg, seg[::-1]) if len(seg) > 1 else (seg,):
        inner_v = sum(travel[a][b] for a, b in zip(variant, variant[1:], strict=False))
        for k in range(max(1, i - REACH), min(len(nodes), j + 2 + REACH)):
            if i <= k <= j + 1:
                continue  # the gap the segment comes from
            a, b = nodes[k - 1], nodes[k]
            cost = travel[a][variant[0]] + travel[variant[-1]][b] - travel[a][b]
            if cost + inner_v - inner < gain and _relocation_fits(route, i, j, k, variant):
                rest = nodes[:i] + nodes[j + 1 :]
                at = k if k < i else k - len(seg)
                return _apply(route, rest[:at] + variant + rest[at:])
    return False


def _relocation_fits(route: Route, i: int, j: int, k: int, variant: list[int]) -> bool:
    """Whether nodes[i..j], as `variant`, fits before position k (k < i or k > j + 1)."""
    nodes = route.nodes
    if not _fits(route, k, variant, k):
        return False  # a quick filter: it does not even fit where the segment still is
    if k < i:
        return _fits(route, k, (*variant, *nodes[k:i]), j + 1)
    return _fits(route, i, (*nodes[j + 1 : k], *variant), k)
