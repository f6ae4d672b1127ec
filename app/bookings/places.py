"""Taking and giving back places on a slot, only ever by guarded single-statement updates.

`Slot.booked` is the sum of places of the slot's pending and confirmed items. Every change goes
through one UPDATE whose WHERE clause re-checks the condition, so two transactions can never
both succeed where only one fits, on SQLite (one writer at a time) or PostgreSQL (row locks).
Each write refuses to run outside `with write_transaction():` (`TransactionRequired`): only
the block gives it the lock timeouts and the all-or-nothing rollback it relies on.
"""

from datetime import datetime

from sqlalchemy import func, or_, select, update

from app.bookings.models import BookingItem
from app.bookings.rules import ItemStatus
from app.experiences.models import Slot
from app.experiences.rules import SlotStatus
from app.extensions import db
from app.operators.models import Departure
from app.operators.rules import DepartureStatus
from app.transactions import require_write_transaction


def take(slot_id: int, places: int) -> bool:
    """Hold `places` on an open slot if they fit; False (and nothing changed) otherwise."""
    return _take(Slot, slot_id, places, Slot.status == SlotStatus.OPEN)


def take_seats(departure_id: int, places: int) -> bool:
    """Hold seats on a scheduled departure if they fit (the same guarded write as slots)."""
    return _take(Departure, departure_id, places, Departure.status == DepartureStatus.SCHEDULED)


def _take(model, row_id: int, places: int, is_open) -> bool:
    require_write_transaction("Taking places")
    taken = db.session.execute(
        update(model)
        .where(model.id == row_id, is_open, model.booked + places <= model.capacity)
        .values(booked=model.booked + places)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def lock_slot(slot_id: int) -> Slot | None:
    """Lock a slot's row until the transaction ends (SELECT … FOR UPDATE; on SQLite the
    IMMEDIATE transaction already excludes other writers) and load its current values.
    Bookings that land meanwhile wait, then find the slot as this transaction left it."""
    return _lock(Slot, slot_id)


def lock_departure(departure_id: int) -> Departure | None:
    """Lock a departure's row until the transaction ends (as `lock_slot`)."""
    return _lock(Departure, departure_id)


def _lock(model, row_id: int):
    require_write_transaction("Locking a row")
    return db.session.scalar(
        select(model)
        .where(model.id == row_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def release(item: BookingItem) -> None:
    """Give back what an item held, on its slot or its departure."""
    if item.departure_id is not None:
        _give_back(Departure, item.departure_id, item.places)
    else:
        give_back(item.slot_id, item.places)


def give_back(slot_id: int | None, places: int) -> None:
    """Release places an item held on a slot (never below zero)."""
    if slot_id is not None:
        _give_back(Slot, slot_id, places)


def _give_back(model, row_id: int, places: int) -> None:
    require_write_transaction("Giving places back")
    db.session.execute(
        update(model)
        .where(model.id == row_id, model.booked >= places)
        .values(booked=model.booked - places)
        .execution_options(synchronize_session=False)
    )


def move_status(
    item: BookingItem,
    target: ItemStatus,
    *,
    expect: tuple[str, ...],
    now: datetime | None = None,
    live_hold: bool = False,
) -> bool:
    """Change an item's status only if it is still in `expect` (and, with `live_hold`, its hold
    has not lapsed at `now`). The winner of a race gets True; everyone else False."""
    require_write_transaction("Changing a booking item's status")
    conditions = [BookingItem.id == item.id, BookingItem.status.in_(expect)]
    if live_hold:
        conditions.append(BookingItem.hold_expires_at > now)
    changed = db.session.execute(
        update(BookingItem)
        .where(*conditions)
        .values(status=target, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount == 1:
        db.session.expire(item)
        return True
    return False


def lapse_expired(
    now: datetime, slot_ids: list[int] | None = None, departure_ids: list[int] | None = None
) -> list[BookingItem]:
    """Mark pending items whose hold has lapsed (all, or those on the given slots or
    departures) as expired and free their places. Callers record and announce them through
    `app.bookings.services.lapse_holds`."""
    query = select(BookingItem).where(
        BookingItem.status == ItemStatus.PENDING, BookingItem.hold_expires_at <= now
    )
    targets = []
    if slot_ids is not None:
        targets.append(BookingItem.slot_id.in_(slot_ids))
    if departure_ids is not None:
        targets.append(BookingItem.departure_id.in_(departure_ids))
    if targets:
        query = query.where(or_(*targets))
    lapsed = []
    for item in db.session.scalars(query.order_by(BookingItem.slot_id, BookingItem.id)).all():
        if move_status(item, ItemStatus.EXPIRED, expect=(ItemStatus.PENDING,), now=now):
            release(item)
            lapsed.append(item)
    return lapsed


def lapsed_places_subquery(now: datetime):
    """Per slot, places still counted in `booked` by holds that have lapsed: reads add them
    back as free, so availability is right even before `flask bookings expire` runs."""
    return (
        select(BookingItem.slot_id, func.sum(BookingItem.places).label("places"))
        .where(BookingItem.status == ItemStatus.PENDING, BookingItem.hold_expires_at <= now)
        .group_by(BookingItem.slot_id)
        .subquery()
    )
