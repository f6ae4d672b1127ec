"""Weekly rules and closed dates -> slot start instants (plain Python).

A rule says "Tuesdays and Saturdays at 09:00 and 14:00 from 1 Dec to 31 Mar"; we turn it into
aware UTC instants, skipping Vietnamese public holidays (from the `holidays` package, Tết
included) and the village's own closed days. Local times are Hanoi wall-clock times.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from app.errors import Invalid
from app.timeutil import HANOI


@dataclass(frozen=True)
class WeeklyRule:
    weekdays: frozenset[int]  # Monday = 0
    start_times: tuple[time, ...]
    starts_on: date
    ends_on: date
    capacity: int

    def __post_init__(self) -> None:
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise Invalid("bad_weekdays", "Choose at least one weekday.", {"weekdays": "required"})
        if not self.start_times:
            raise Invalid("bad_times", "Give at least one start time.", {"start_times": "required"})
        if self.ends_on < self.starts_on:
            raise Invalid("bad_range", "The rule ends before it starts.", {"ends_on": "too early"})


def weekly_rule(values: dict) -> WeeklyRule:
    """A rule from form or API values: weekdays, "09:00, 14:00", starts_on, ends_on, capacity."""
    return WeeklyRule(
        weekdays=frozenset(values["weekdays"]),
        start_times=parse_times(values["start_times"]),
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        capacity=values["capacity"],
    )


def public_holidays(first: date, last: date, language: str = "en") -> dict[date, str]:
    """Vietnamese public holidays between two dates (inclusive), with their names."""
    years = range(first.year, last.year + 1)
    calendar = holidays.country_holidays("VN", years=years, language=language)
    return {day: name for day, name in sorted(calendar.items()) if first <= day <= last}


def slot_starts(
    rule: WeeklyRule, closed: set[date], first: date, last: date, zone: ZoneInfo = HANOI
) -> list[datetime]:
    """UTC start instants the rule opens between `first` and `last`, skipping `closed` days."""
    day, end = max(first, rule.starts_on), min(last, rule.ends_on)
    starts = []
    while day <= end:
        if day.weekday() in rule.weekdays and day not in closed:
            starts.extend(local_instant(day, start, zone) for start in rule.start_times)
        day += timedelta(days=1)
    return sorted(starts)


def local_instant(day: date, wall_time: time, zone: ZoneInfo = HANOI) -> datetime:
    """The UTC instant of a wall-clock time at the place (Hanoi has no DST, but be exact)."""
    return datetime.combine(day, wall_time, tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True)
class RuleChange:
    """How to bring a rule's future slots in line with its new times."""

    create: list[datetime]
    delete: list[int]  # slot ids without bookings that the rule no longer wants
    kept: list[int]  # slot ids the rule no longer wants but that hold bookings


def reconcile(existing: dict[datetime, tuple[int, int]], wanted: list[datetime]) -> RuleChange:
    """`existing` maps start -> (slot id, places booked); bookings are never dropped."""
    wanted_set = set(wanted)
    create = [start for start in wanted if start not in existing]
    delete = [
        slot_id
        for start, (slot_id, booked) in existing.items()
        if start not in wanted_set and booked == 0
    ]
    kept = [
        slot_id
        for start, (slot_id, booked) in existing.items()
        if start not in wanted_set and booked > 0
    ]
    return RuleChange(create=create, delete=sorted(delete), kept=sorted(kept))


def parse_times(text: str) -> tuple[time, ...]:
    """'09:00, 14:30' -> (09:00, 14:30), refusing anything else by name."""
    result = []
    for part in filter(None, (piece.strip() for piece in text.replace(";", ",").split(","))):
        try:
            result.append(time.fromisoformat(part))
        except ValueError:
            raise Invalid(
                "bad_times",
                f"'{part[:10]}' is not a time like 09:00.",
                {"start_times": "times like 09:00, 14:30"},
            ) from None
    return tuple(sorted(set(result)))
