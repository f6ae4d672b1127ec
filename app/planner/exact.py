"""Exact solver for small problems: dynamic programming over visited sets with label dominance.

A label is a partial route (visited set, last node, departure time, travel so far, visits on
its day). For one set and last node, a label that departs no later, travelled no more and (when
`max_stops` binds per day) has no more visits today dominates another, because every later
decision depends only on those (earliest starts are monotone). Several days are one route
through the day breaks (see `schedule.Instance`), which are required nodes here. Labels are
expanded by the number of visits, and pruned with an upper bound (score plus every candidate
still reachable) against the best plan known so far.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.planner.schedule import EPS, INF, Instance, earliest_start

# A label: (departure time, travel so far, score, last node, visited mask, parent label or None,
# visits on the current day)
Label = tuple


@dataclass
class _Search:
    """Constant data for one search, plus the incumbent it improves."""

    inst: Instance
    score: list[float]
    shortest: list[list[float]]
    last_close: list[float]
    req_mask: int
    break_mask: int
    nodes: list[int]  # candidates and day breaks
    best: tuple[float, float]  # (score, travel) to beat; ties in both are not kept
    best_label: Label | None = None


def shortest_paths(inst: Instance) -> list[list[float]]:
    """All-pairs shortest travel times, a lower bound on any trip when travel is not metric."""
    dist = inst.travel_np.copy()
    for k in range(len(dist)):
        np.minimum(dist, dist[:, k : k + 1] + dist[k : k + 1, :], out=dist)
    return dist.tolist()


def solve_exact(
    inst: Instance, incumbent: tuple[float, float] | None = None, score: list[float] | None = None
) -> list[int] | None:
    """Best order (start ... end) by score, then least travel; None if no plan has all required.

    `incumbent` is the (score, travel) of a known feasible plan: only strictly better plans
    are searched for, so None is returned when the incumbent is already optimal. `score`
    overrides the candidates' scores (used to find which required candidates cannot fit).
    """
    break_mask = sum(1 << i for i in inst.breaks)
    search = _Search(
        inst=inst,
        score=inst.score if score is None else score,
        shortest=shortest_paths(inst),
        last_close=[max(b for _, b in wins) for wins in inst.windows],
        req_mask=sum(1 << i for i in inst.required) | break_mask,
        break_mask=break_mask,
        nodes=[*range(1, inst.end), *inst.breaks],
        best=(-INF, INF) if incumbent is None else incumbent,
    )
    layer: dict[tuple[int, int], list[Label]] = {(0, 0): [(inst.begin, 0.0, 0.0, 0, 0, None, 0)]}
    depth = inst.max_stops + len(inst.breaks)
    for size in range(depth + 1):
        for labels in layer.values():
            for label in labels:
                _complete(search, label)
        if size == depth:
            break
        layer = _expand(search, layer)
    return None if search.best_label is None else _route(search.best_label, inst.end)


def _complete(search: _Search, label: Label) -> None:
    """Close the route at the end node if it fits and beats the incumbent."""
    dep, trav, score, last, mask = label[:5]
    inst = search.inst
    if mask & search.req_mask != search.req_mask:
        return
    if dep + inst.travel[last][inst.end] > inst.finish + EPS:
        return
    total = trav + inst.travel[last][inst.end]
    best_score, best_travel = search.best
    if score > best_score + EPS or (score >= best_score - EPS and total < best_travel - EPS):
        search.best = (score, total)
        search.best_label = label


def _expand(
    search: _Search, layer: dict[tuple[int, int], list[Label]]
) -> dict[tuple[int, int], list[Label]]:
    """All non-dominated labels with one more visit."""
    nxt: dict[tuple[int, int], list[Label]] = {}
    for labels in layer.values():
        for label in labels:
            targets = _targets(search, label)
            if targets is None:
                continue
            for node, dep in targets:
                key = (label[4] | (1 << node), node)
                new = (
                    dep,
                    label[1] + search.inst.travel[label[3]][node],
                    label[2] + search.score[node],
                    node,
                    key[0],
                    label,
                    _today(search.inst, label, node),
                )
                bucket = nxt.get(key)
                if bucket is None:
                    nxt[key] = [new]
                else:
                    _add_label(bucket, new)
    return nxt


def _today(inst: Instance, label: Label, node: int) -> int:
    """Visits on the day after moving to `node`; always 0 when days have no stop limit."""
    if inst.day_stops is None or node > inst.end:
        return 0
    return label[6] + 1


def _targets(search: _Search, label: Label) -> list[tuple[int, float]] | None:
    """Direct extensions (node, departure) of `label`, or None when the label can be pruned."""
    inst = search.inst
    dep, trav, score, last, mask = label[:5]
    row, srow, end = inst.travel[last], search.shortest[last], inst.end
    day_end, shortest, close = inst.finish + EPS, search.shortest, search.last_close
    duration, windows, values = inst.duration, inst.windows, search.score
    full = inst.day_stops is not None and label[6] >= inst.day_stops
    targets, reachable = [], []
    for node in search.nodes:
        if mask >> node & 1 or dep + srow[node] > close[node] + EPS:
            continue
        if full and node < end:
            continue
        soonest = max(dep + srow[node], windows[node][0][0])
        if soonest + duration[node] + shortest[node][end] > day_end:
            continue
        reachable.append(node)
        start, _ = earliest_start(windows[node], dep + row[node])
        if start + duration[node] + shortest[node][end] <= day_end:
            targets.append((node, start + duration[node]))
    if _pruned(search, label, reachable, values):
        return None
    return targets


def _pruned(search: _Search, label: Label, reachable: list[int], values: list[float]) -> bool:
    """True when no completion of `label` can beat the incumbent, or reach every required node."""
    dep, trav, score, last, mask = label[:5]
    inst = search.inst
    missing = search.req_mask & ~mask
    if missing and any(missing >> r & 1 for r in _bits(missing) if r not in reachable):
        return True
    room = inst.max_stops - bin(mask & ~search.break_mask).count("1")
    if inst.day_stops is not None:
        days_left = bin(search.break_mask & ~mask).count("1")
        room = min(room, inst.day_stops - label[6] + inst.day_stops * days_left)
    gains = sorted((values[node] for node in reachable if node < inst.end), reverse=True)[:room]
    bound = score + sum(gains)
    best_score, best_travel = search.best
    if bound < best_score - EPS:
        return True
    ending = trav + search.shortest[last][inst.end]
    return bound <= best_score + EPS and ending >= best_travel - EPS


def _bits(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _add_label(bucket: list[Label], new: Label) -> None:
    """Add `new` to a Pareto set on (departure, travel, visits today) unless one dominates it."""
    dep, trav, today = new[0], new[1], new[6]
    for other in bucket:
        if other[0] <= dep + EPS and other[1] <= trav + EPS and other[6] <= today:
            return
    bucket[:] = [
        o for o in bucket if not (dep <= o[0] + EPS and trav <= o[1] + EPS and today <= o[6])
    ]
    bucket.append(new)


def _route(label: Label, end: int) -> list[int]:
    nodes = [end]
    while label is not None:
        nodes.append(label[3])
        label = label[5]
    return nodes[::-1]
