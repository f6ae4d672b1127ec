"""Operator rules (plain Python): departure statuses, overlaps, utilisation arithmetic."""

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
