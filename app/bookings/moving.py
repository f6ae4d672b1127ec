"""The guest's "move to another date" calendar: one month of the same workshop's free slots
(room for the item's party, before the cut-off), laid out Monday-first for the page."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.bookings.models import BookingItem
from app.experiences import services as experiences
from app.experiences.models import Slot
from app.timeutil import to_local

#: How far ahead a guest may look for another date.
MONTHS_AHEAD = 3


@dataclass(frozen=True)
class MoveMonth:
    month: date  # its first day
    weeks: list[list[date]]  # Monday-first, with the neighbouring months' days as padding
    free: dict[date, list[Slot]]  # the days with room, their slots in time order
    previous: date | None
    following: date | None


def move_month(item: BookingItem, month: date | None, now: datetime) -> MoveMonth:
    """The free slots of `item`'s workshop in `month` (default: the first month, up to
    MONTHS_AHEAD ahead, with a free slot), other than its own slot."""
    today = to_local(now).date()
    first_month, last_month = today.replace(day=1), _add_months(today.replace(day=1), MONTHS_AHEAD)
    if month is None:
        month = first_month
        while month < last_month and not _free_slots(item, month, now):
            month = _add_months(month, 1)
    shown = min(max(month.replace(day=1), first_month), last_month)
    free: dict[date, list[Slot]] = {}
    for slot in _free_slots(item, shown, now):
        free.setdefault(to_local(slot.starts_at).date(), []).append(slot)
    return MoveMonth(
        month=shown,
        weeks=calendar.Calendar(firstweekday=0).monthdatescalendar(shown.year, shown.month),
        free=free,
        previous=_add_months(shown, -1) if shown > first_month else None,
        following=_add_months(shown, 1) if shown < last_month else None,
    )


def _free_slots(item: BookingItem, month: date, now: datetime) -> list[Slot]:
    """The workshop's slots in `month` with room for the item's party, other than its own."""
    last = _add_months(month, 1) - timedelta(days=1)
    slots = experiences.bookable_slots(item.slot.experience, month, last, now)
    return [slot for slot in slots if slot.id != item.slot_id and slot.remaining >= item.places]


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
