"""Planner inputs and outputs (SPEC §4): Candidate, Problem, Visit, Plan, and the Infeasible error.

Times are minutes as floats. `Problem` validates its input on construction and raises ValueError
with a message naming the offending field, so the solver can trust what it receives.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from app.errors import Invalid

Window = tuple[float, float]


class Infeasible(Invalid):
    """No plan can include every required candidate; `keys` names those that cannot fit.

    An `app.errors.Invalid` with code "infeasible", so the callers' error handling shows it.
    `keys` may be empty when not even the trip from start to end fits in the day.
    """

    def __init__(self, keys: Iterable[Hashable], message: str | None = None) -> None:
        self.keys = tuple(keys)
        if message is None:
            names = ", ".join(str(key) for key in self.keys)
            message = f"These required stops cannot fit in the day: {names}"
        super().__init__("infeasible", message)


@dataclass(frozen=True)
class Candidate:
    """A place that may be visited: `windows` are (earliest_start, latest_start) pairs."""

    key: Hashable
    score: float
    duration: float
    windows: tuple[Window, ...]
    required: bool = False

    def __post_init__(self) -> None:
        windows = tuple((float(a), float(b)) for a, b in self.windows)
        object.__setattr__(self, "windows", windows)
        _check_number(self.score, f"candidate {self.key!r}: score")
        _check_number(self.duration, f"candidate {self.key!r}: duration")
        if not windows:
            raise ValueError(f"candidate {self.key!r}: needs at least one window")
        for a, b in windows:
            if not (math.isfinite(a) and math.isfinite(b)) or a > b:
                raise ValueError(f"candidate {self.key!r}: window ({a}, {b}) is not a valid range")
        if any(windows[i][0] > windows[i + 1][0] for i in range(len(windows) - 1)):
            raise ValueError(f"candidate {self.key!r}: windows must be sorted by earliest start")


@dataclass(frozen=True)
class Problem:
    """Candidates plus the travel matrix: index 0 is the start, 1..n the candidates, n+1 the end.

    `days`, when given, asks for one route per day on one timeline (minutes from the first
    day's midnight): each route leaves the start at or after its day's start and reaches the
    end by its day's end, `max_stops` applies per day, and a candidate is visited at most once
    in the trip. `day_start` and `day_end` then default to the first start and the last end.
    """

    candidates: tuple[Candidate, ...]
    travel: tuple[tuple[float, ...], ...]
    day_start: float | None = None
    day_end: float | None = None
    max_stops: int | None = None
    days: tuple[Window, ...] | None = None

    def __post_init__(self) -> None:
        candidates = tuple(self.candidates)
        object.__setattr__(self, "candidates", candidates)
        object.__setattr__(self, "travel", _travel_matrix(self.travel, len(candidates) + 2))
        if self.days is not None:
            self._check_days()
        if self.day_start is None or self.day_end is None:
            raise ValueError("day_start and day_end are required without days")
        if not (math.isfinite(self.day_start) and math.isfinite(self.day_end)):
            raise ValueError("day_start and day_end must be finite")
        if self.day_start > self.day_end:
            raise ValueError("day_start must not be after day_end")
        stops = self.max_stops
        if stops is not None and (not isinstance(stops, int) or stops < 0):
            raise ValueError("max_stops must be None or a non-negative integer")
        keys = [c.key for c in candidates]
        if len(set(keys)) != len(keys):
            raise ValueError("candidate keys must be unique")

    def _check_days(self) -> None:
        """Days as float pairs, each in order, none overlapping the next; fills the span."""
        days = tuple((float(a), float(b)) for a, b in self.days)
        if not days:
            raise ValueError("days must hold at least one (start, end) pair")
        for k, (a, b) in enumerate(days):
            if not (math.isfinite(a) and math.isfinite(b)) or a > b:
                raise ValueError(f"days[{k}] ({a}, {b}) is not a valid range")
            if k and a < days[k - 1][1]:
                raise ValueError(f"days[{k}] starts before days[{k - 1}] ends")
        object.__setattr__(self, "days", days)
        first, last = days[0][0], days[-1][1]
        if self.day_start is None:
            object.__setattr__(self, "day_start", first)
        if self.day_end is None:
            object.__setattr__(self, "day_end", last)
        if (self.day_start, self.day_end) != (first, last):
            raise ValueError("day_start and day_end must match the first and last of days")

    @property
    def day_windows(self) -> tuple[Window, ...]:
        """The days, or the single day (day_start, day_end)."""
        return self.days if self.days is not None else ((self.day_start, self.day_end),)


@dataclass(frozen=True)
class Visit:
    """One stop of a plan: the visit starts at `start`, inside the candidate's `windows[window]`."""

    key: Hashable
    start: float
    window: int


@dataclass(frozen=True)
class Plan:
    """The chosen visits in order, their total score and the minutes spent travelling.

    `routes` holds one tuple of visits per day (a single one without `Problem.days`);
    `visits` is their concatenation.
    """

    visits: list[Visit] = field(default_factory=list)
    score: float = 0.0
    travel_minutes: float = 0.0
    routes: tuple[tuple[Visit, ...], ...] = ()


def _check_number(value: float, what: str) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{what} must be a finite non-negative number, got {value!r}")


def _travel_matrix(travel: Sequence[Sequence[float]], size: int) -> tuple[tuple[float, ...], ...]:
    rows = tuple(tuple(float(x) for x in row) for row in travel)
    if len(rows) != size or any(len(row) != size for row in rows):
        raise ValueError(f"travel must be a {size}x{size} matrix (start, candidates, end)")
    for row in rows:
        for x in row:
            if not math.isfinite(x) or x < 0:
                raise ValueError(f"travel times must be finite and non-negative, got {x!r}")
    return rows
