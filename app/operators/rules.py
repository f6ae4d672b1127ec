"""Operator rules (plain Python): departure statuses, overlaps, utilisation arithmetic."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum


class DepartureStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Interval:
    starts_at: datetime
    ends_at: datetime

    def overlaps(self, other: "Interval") -> bool:
        """Half-open intervals: a departure ending at 12:00 does not clash with one at 12:00."""
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def utilisation(booked: int, capacity: int) -> float:
    """Booked share of capacity, 0..1 (0 when there is no capacity)."""
    return 0.0 if capacity <= 0 else round(booked / capacity, 4)


def stop_time(departure_start: datetime, offset_minutes: int) -> datetime:
    """When the group reaches a stop: the departure plus the stop's planned offset."""
    return departure_start + timedelta(minutes=offset_minutes)


@dataclass(frozen=True)
class Pattern:
    """When some departures leave: a weekday (Monday 0) and a local clock time in minutes."""

    weekday: int
    minute: int


def workshop_offsets(
    patterns: frozenset[Pattern], runs: dict[int, frozenset[int]], latest: int
) -> tuple[int, ...]:
    """The offsets from the departure (minutes, 0..latest) at which a workshop starts for every
    departure pattern. `runs[weekday]` holds the local minutes it starts at on that weekday, so
    a stop at such an offset can be reserved on every departure, not just the first."""
    common: set[int] | None = None
    for pattern in patterns:
        offsets = {
            start - pattern.minute
            for start in runs.get(pattern.weekday, frozenset())
            if 0 <= start - pattern.minute <= latest
        }
        common = offsets if common is None else common & offsets
    return tuple(sorted(common or ()))


@dataclass(frozen=True)
class TimedStop:
    offset_minutes: int
    stay_minutes: int

    @property
    def end(self) -> int:
        return self.offset_minutes + self.stay_minutes


def overlapping(stops: list[TimedStop]) -> list[int]:
    """Indexes of stops that start before the previous stop ends: the times contradict the
    visiting order (after a hand reorder, say)."""
    return [
        index
        for index in range(1, len(stops))
        if stops[index].offset_minutes < stops[index - 1].end
    ]


def schedule_in_order(
    stays: list[int], windows: list[tuple[int, ...] | None], travel: list[list[float]]
) -> tuple[list[int], int] | int:
    """Times for stops visited in the given order: leave at 0, travel, start each stop at once
    (a village) or at its first workshop time reached in time (`windows[i]`: allowed offsets;
    None means any). Returns (start offsets, minutes back at the start point), or the index of
    the first stop whose workshop cannot be reached at any of its times.
    `travel` is indexed like the planner's: 0 = start, 1..n = stops, n + 1 = back."""
    clock, starts = 0.0, []
    for index, stay in enumerate(stays):
        arrive = clock + travel[index][index + 1]
        allowed = windows[index]
        if allowed is None:
            start = math.ceil(arrive)
        else:
            start = next((offset for offset in allowed if offset >= arrive), -1)
            if start < 0:
                return index
        starts.append(start)
        clock = start + stay
    back = math.ceil(clock + travel[len(stays)][len(stays) + 1])
    return starts, back
