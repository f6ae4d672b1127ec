"""Checks on a day request that need more than its shape (plain): order, place, date."""

from datetime import date

from app.errors import Invalid

VIETNAM = ((8.0, 23.5), (102.0, 110.0))  # mainland and coastal islands: lat, lon ranges
MAX_DAYS_AHEAD = 365


class Unprocessable(Invalid):
    """Well-formed input that cannot be planned (answered 422)."""

    status = 422


def check_day(on: date, today: date, day_start: int, day_end: int) -> None:
    if on < today:
        raise Unprocessable("past_date", "The date is in the past.", {"date": "in the past"})
    if (on - today).days > MAX_DAYS_AHEAD:
        raise Unprocessable(
            "too_far_ahead", "Plans go at most a year ahead.", {"date": "at most a year ahead"}
        )
    if day_end <= day_start:
        raise Unprocessable(
            "bad_day_window", "The day must end after it starts.", {"day_end": "before day_start"}
        )


def check_point(lat: float, lon: float, field: str = "start") -> None:
    """Planning covers Vietnam: a point elsewhere is almost always swapped lat/lon or a typo."""
    (south, north), (west, east) = VIETNAM
    if not (south <= lat <= north and west <= lon <= east):
        raise Unprocessable(
            "outside_vietnam",
            "The point is outside Vietnam.",
            {field: "outside Vietnam (is latitude first?)"},
        )
