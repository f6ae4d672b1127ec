"""Booking rules (plain Python): statuses, allowed transitions, holds, cut-offs, references."""

import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from app.errors import Conflict


class ItemStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    COMPLETED = "completed"


#: Items in these statuses hold places on their slot (pending only until its hold lapses).
HOLDING = (ItemStatus.PENDING, ItemStatus.CONFIRMED)
LIVE = HOLDING

TRANSITIONS: dict[ItemStatus, set[ItemStatus]] = {
    ItemStatus.PENDING: {
        ItemStatus.CONFIRMED,
        ItemStatus.DECLINED,
        ItemStatus.CANCELLED,
        ItemStatus.EXPIRED,
    },
    ItemStatus.CONFIRMED: {ItemStatus.CANCELLED, ItemStatus.COMPLETED},
}
#: Letters a person can read out on the phone: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
MAX_PARTY = 50


def check_transition(current: str, target: ItemStatus) -> None:
    """Refuse a status change the life cycle does not allow."""
    if target not in TRANSITIONS.get(ItemStatus(current), set()):
        raise Conflict("bad_transition", f"A {current} item cannot become {target}.")


def new_reference(randbelow=secrets.randbelow) -> str:
    """`LN-7KQ4XM`: short, unambiguous, random (the token protects the booking, not this)."""
    return "LN-" + "".join(REFERENCE_ALPHABET[randbelow(len(REFERENCE_ALPHABET))] for _ in range(6))


def hold_expiry(now: datetime, hold_hours: int, starts_at: datetime) -> datetime:
    """A pending hold lapses after `hold_hours`, and in any case when the activity starts."""
    return min(now + timedelta(hours=hold_hours), starts_at)


def before_cutoff(starts_at: datetime, now: datetime, cutoff_hours: int) -> bool:
    """Bookings, cancellations and moves are allowed until `cutoff_hours` before the start."""
    return now <= starts_at - timedelta(hours=cutoff_hours)


def is_live(status: str, hold_expires_at: datetime | None, now: datetime) -> bool:
    """Does this item hold places right now? An expired hold does not, even before `expire`."""
    if status == ItemStatus.CONFIRMED:
        return True
    return status == ItemStatus.PENDING and hold_expires_at is not None and hold_expires_at > now


def initial_status(confirmation_mode: str) -> ItemStatus:
    return ItemStatus.CONFIRMED if confirmation_mode == "instant" else ItemStatus.PENDING
