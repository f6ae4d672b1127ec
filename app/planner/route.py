"""A route under construction, with the slack bookkeeping that makes insertion checks O(1).

Besides the earliest start of each position, a route keeps the latest start of each position
such that the rest of the route stays feasible. With several windows this latest start is still
a single number: the rest of the route is feasible exactly when the visit starts no later than
it, because earliest starts are monotone in the arrival time. So inserting a node between
positions p and p+1 is feasible iff its own earliest start exists and the new arrival at p+1 is
no later than latest[p+1], with the window choice already folded into `latest`.
"""

from __future__ import annotations

import itertools

import numpy as np

from app.planner.schedule import EPS, INF, Instance, earliest_start, latest_start


class Route:
    """Visiting order nodes[0] = start ... nodes[-1] = end, with earliest and latest starts."""

    __slots__ = ("inst", "nodes", "starts", "latest", "score", "travel")

    def __init__(self, inst: Instance, nodes: list[int]) -> None:
        self.inst = inst
        self.nodes = nodes
        self.score = sum(inst.score[i] for i in nodes)
        self.travel = sum(inst.travel[a][b] for a, b in zip(nodes, nodes[1:], strict=False))
        self.starts: list[float] = []
        self.latest: list[float] = []
        self.refresh()

    def copy(self) -> Route:
        other = Route.__new__(Route)
        other.inst, other.nodes = self.inst, self.nodes[:]
        other.starts, other.latest = self.starts[:], self.latest[:]
        other.score, other.travel = self.score, self.travel
        return other

    def key(self) -> tuple[int, float, float]:
        """Comparison key: more required visits, then higher score, then less travel."""
        required = self.inst.required
        count = sum(1 for x in self.nodes if x in required) if required else 0
        return (count, round(self.score, 6), -round(self.travel, 6))

    @property
    def stops(self) -> int:
        """Number of visits (day breaks excluded)."""
        return len(self.nodes) - 2 - len(self.inst.breaks)

    def movable(self) -> list[int]:
        """Positions of visits (not the start, the end or a day break)."""
        end = self.inst.end
        return [p for p in range(1, len(self.nodes) - 1) if self.nodes[p] < end]

    def feasible(self) -> bool:
        return all(s < INF for s in self.starts)

    def refresh(self) -> None:
        """Recompute earliest starts forwards and latest starts backwards."""
        inst, nodes = self.inst, self.nodes
        travel, duration, windows = inst.travel, inst.duration, inst.windows
        time = inst.begin
        starts = [time]
        for prev, node in zip(nodes, nodes[1:], strict=False):
            time, _ = earliest_start(windows[node], time + duration[prev] + travel[prev][node])
            starts.append(time)
        limit = inst.finish
        latest = [limit] * len(nodes)
        for p in range(len(nodes) - 2, -1, -1):
            node = nodes[p]
            limit = latest_start(windows[node], limit - duration[node] - travel[node][nodes[p + 1]])
            latest[p] = limit
        self.starts, self.latest = starts, latest

    def insert(self, pos: int, node: int) -> None:
        """Insert `node` before position `pos` (1 <= pos < len(nodes))."""
        nodes, travel = self.nodes, self.inst.travel
        prev, nxt = nodes[pos - 1], nodes[pos]
        self.travel += travel[prev][node] + travel[node][nxt] - travel[prev][nxt]
        self.score += self.inst.score[node]
        nodes.insert(pos, node)
        self.starts.insert(pos, INF)
        self.latest.insert(pos, -INF)
        self._forward(pos)
        self._backward(pos)

    def _forward(self, pos: int) -> None:
        """Update earliest starts from `pos` on, until they match the old ones again."""
        inst, nodes, starts = self.inst, self.nodes, self.starts
        travel, duration, windows = inst.travel, inst.duration, inst.windows
        time = starts[pos - 1]
        for p in range(pos, len(nodes)):
            prev, node = nodes[p - 1], nodes[p]
            time, _ = earliest_start(windows[node], time + duration[prev] + travel[prev][node])
            if p > pos and time == starts[p]:
                return
            starts[p] = time

    def _backward(self, pos: int) -> None:
        """Update latest starts from `pos` back to the start, until they match the old ones."""
        inst, nodes, latest = self.inst, self.nodes, self.latest
        travel, duration, windows = inst.travel, inst.duration, inst.windows
        limit = latest[pos + 1]
        for p in range(pos, -1, -1):
            node = nodes[p]
            limit = latest_start(windows[node], limit - duration[node] - travel[node][nodes[p + 1]])
            if p < pos and limit == latest[p]:
                return
            latest[p] = limit

    def remove(self, positions: list[int]) -> None:
        """Remove the visits at `positions` (never the start or the end)."""
        drop = set(positions)
        self.nodes = [x for p, x in enumerate(self.nodes) if p not in drop]
        self.reset_totals()
        self.refresh()

    def reset_totals(self) -> None:
        inst, nodes = self.inst, self.nodes
        self.score = sum(inst.score[i] for i in nodes)
        self.travel = sum(inst.travel[a][b] for a, b in zip(nodes, nodes[1:], strict=False))

    def can_insert(self, pos: int, node: int) -> float:
        """Shift (delay of the next arrival) if `node` fits before `pos`, else inf. O(windows)."""
        inst, nodes = self.inst, self.nodes
        prev, nxt = nodes[pos - 1], nodes[pos]
        dep = self.starts[pos - 1] + inst.duration[prev]
        start, _ = earliest_start(inst.windows[node], dep + inst.travel[prev][node])
        reach = start + inst.duration[node] + inst.travel[node][nxt]
        if reach > self.latest[pos] + EPS:
            return INF
        return reach - dep - inst.travel[prev][nxt]


def empty_route(inst: Instance) -> Route:
    """The route with no visit: start, the day breaks, end."""
    return Route(inst, [0, *inst.breaks, inst.end])


def day_counts_ok(inst: Instance, nodes: list[int]) -> bool:
    """True when no day holds more than `day_stops` visits."""
    if inst.day_stops is None:
        return True
    count = 0
    for node in nodes[1:-1]:
        count = 0 if node > inst.end else count + 1
        if count > inst.day_stops:
            return False
    return True


def day_spans(route: Route) -> list[tuple[int, int]]:
    """Per day, the range [lo, hi) of its gaps (gap g lies between nodes[g] and nodes[g + 1])."""
    end = route.inst.end
    bounds = [0, *(p for p, x in enumerate(route.nodes) if x > end), len(route.nodes) - 1]
    return list(itertools.pairwise(bounds))


def insertion_table(route: Route, cands: np.ndarray) -> np.ndarray:
    """Shift of inserting each of `cands` before each position 1..len-1 (inf when infeasible).

    Vectorised over candidates, positions and windows: shape (len(cands), len(nodes) - 1).
    """
    parts = [day_table(route, cands, day, span) for day, span in enumerate(day_spans(route))]
    return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)


def day_table(route: Route, cands: np.ndarray, day: int, span: tuple[int, int]) -> np.ndarray:
    """The columns of `insertion_table` for one day's gaps span[0] .. span[1] - 1, using only
    the windows that overlap that day."""
    inst, (lo, hi) = route.inst, span
    nodes = np.array(route.nodes[lo : hi + 1])
    prev, nxt = nodes[:-1], nodes[1:]
    travel, column = inst.travel_np, cands[:, None]
    dep = np.array(route.starts[lo:hi]) + inst.duration_np[prev]
    arrival = dep + travel[prev, column]
    opens, closes = (array[cands] for array in inst.day_windows[day])
    if opens.shape[1] == 1:
        start = np.maximum(arrival, opens)
        start[start > closes + EPS] = INF
    else:
        each = np.maximum(arrival[:, :, None], opens[:, None, :])
        each[each > closes[:, None, :] + EPS] = INF
        start = each.min(axis=2)
    reach = start + inst.duration_np[column] + travel[column, nxt]
    shift = reach - (dep + travel[prev, nxt])
    shift[reach > np.array(route.latest[lo + 1 : hi + 1]) + EPS] = INF
    if inst.day_stops is not None and _visits(route, lo, hi) >= inst.day_stops:
        shift[:] = INF
    return shift


def _visits(route: Route, lo: int, hi: int) -> int:
    """Visits among positions lo..hi (a day's gaps lo..hi-1 lie between them)."""
    end = route.inst.end
    return sum(1 for x in route.nodes[lo : hi + 1] if 0 < x < end)
