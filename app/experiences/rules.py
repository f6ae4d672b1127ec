"""Experience and slot rules (plain Python): statuses, limits and the checks services apply."""

from datetime import datetime
from enum import StrEnum

from app.errors import Conflict, Invalid


class ConfirmationMode(StrEnum):
    INSTANT = "instant"
    ON_REQUEST = "on_request"


class SlotStatus(StrEnum):
    OPEN = "open"
    CANCELLED = "cancelled"


LANGUAGES = ("vi", "en", "fr", "zh", "ja", "ko")
MAX_CAPACITY = 500
MAX_WEEKS_AHEAD = 52


def check_future(starts_at: datetime, now: datetime, field: str = "starts_at") -> None:
    """Slots are opened for the future only."""
    if starts_at <= now:
        raise Invalid("past_date", "A slot must start in the future.", {field: "in the past"})


def check_capacity(capacity: int, booked: int = 0) -> None:
    """Capacity is positive, bounded, and never below the places already booked."""
    if not 1 <= capacity <= MAX_CAPACITY:
        raise Invalid(
            "bad_capacity",
            f"Capacity must be between 1 and {MAX_CAPACITY}.",
            {"capacity": f"between 1 and {MAX_CAPACITY}"},
        )
    if capacity < booked:
        raise Conflict(
            "capacity_below_booked",
            f"{booked} places are already booked: capacity cannot go below that.",
            {"capacity": f"at least {booked} (already booked)"},
        )


def check_party_limits(min_party: int, max_party: int) -> None:
    if min_party < 1 or max_party < min_party:
        raise Invalid(
            "bad_party_limits",
            "The smallest group must be 1 or more and not above the largest.",
            {"max_party": "must be at least the minimum"},
        )


def party_price(adults: int, children: int, adult_vnd: int, child_vnd: int) -> int:
    """What a party pays, in VND."""
    return adults * adult_vnd + children * child_vnd
