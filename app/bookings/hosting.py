"""Host-side booking use cases: the inbox, confirming and declining items, cancelling a slot's
bookings with a reason, and the manifest of a slot. Ownership is checked here."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.bookings import notifications, places
from app.bookings.models import BookingItem
from app.bookings.rules import HOLDING, ItemStatus
from app.bookings.services import cancel_item, lapse_holds, manage_token, record
from app.csvsafe import safe_csv
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.experiences.models import Experience, Slot
from app.extensions import db
from app.notifications import services as outbox
from app.sqlite import start_write_transaction
from app.timeutil import to_local
from app.villages.services import Page, check_paging

INBOX_STATUSES = ("pending", "confirmed", "declined", "cancelled", "expired", "all")


@dataclass(frozen=True)
class InboxFilters:
    status: str = "pending"
    experience_id: int | None = None


def inbox(actor, filters: InboxFilters, page: int = 1, per_page: int = 25) -> Page:
    """Booking items on the host's slots (all villages for an admin), soonest first."""
    if filters.status not in INBOX_STATUSES:
        raise Invalid("bad_status", _("Unknown status."), {"status": _("unknown")})
    check_paging(page, per_page)
    query = select(BookingItem).join(Slot).join(Experience)
    if not actor.is_admin:
        query = query.where(Experience.village_id.in_(actor.village_ids or {-1}))
    if filters.status != "all":
        query = query.where(BookingItem.status == filters.status)
    if filters.experience_id:
        query = query.where(Experience.id == filters.experience_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.options(
            selectinload(BookingItem.booking),
            selectinload(BookingItem.slot).selectinload(Slot.experience),
        )
        .order_by(Slot.starts_at, BookingItem.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


def _item_for_host(item_id: int, actor) -> BookingItem:
    """The item if `actor` may answer it: the village's host for a workshop, the operator's
    member for a departure (admins for both)."""
    item = db.session.get(BookingItem, item_id)
    if item is None or item.activity is None:
        raise NotFound("unknown_item", _("No such booking item."))
    if not item.activity.can_manage(actor):
        raise Forbidden("forbidden", _("This booking is not for you to answer."))
    return item


def confirm_item(item_id: int, actor, now: datetime, message: str = "") -> BookingItem:
    """Confirm a pending request whose hold is still live. Its places were taken when it was
    requested, so confirming can never push the slot over capacity."""
    start_write_transaction(db.session)
    item = _item_for_host(item_id, actor)
    if item.slot_id:
        lapse_holds(now, slot_ids=[item.slot_id])
    else:
        lapse_holds(now, departure_ids=[item.departure_id])
    if not places.move_status(
        item, ItemStatus.CONFIRMED, expect=(ItemStatus.PENDING,), now=now, live_hold=True
    ):
        db.session.commit()  # keep any lapse we just recorded
        raise Conflict(
            "not_pending",
            _("This request is no longer waiting (it was answered, cancelled or its hold lapsed)."),
        )
    return _answer(item, actor, now, message, ItemStatus.CONFIRMED, "confirmed")


def decline_item(item_id: int, actor, now: datetime, message: str = "") -> BookingItem:
    """Decline a pending request and free its places."""
    start_write_transaction(db.session)
    item = _item_for_host(item_id, actor)
    if not places.move_status(item, ItemStatus.DECLINED, expect=(ItemStatus.PENDING,), now=now):
        db.session.rollback()
        raise Conflict("not_pending", _("This request is no longer waiting."))
    places.release(item)
    return _answer(item, actor, now, message, ItemStatus.DECLINED, "declined")


def _answer(
    item: BookingItem, actor, now: datetime, message: str, status: ItemStatus, kind: str
) -> BookingItem:
    item.host_message = message.strip()
    booking = item.booking
    record(booking, item, ItemStatus.PENDING, status, actor, now, message.strip())
    notifications.notify_guest(
        booking, kind, manage_token(booking.reference), note=message.strip(), items=[item]
    )
    db.session.commit()
    outbox.deliver_pending()
    return item


def cancel_slot_bookings(slot_id: int, actor, reason: str, now: datetime) -> int:
    """Cancel every live item on a slot, telling each guest why (no commit: the caller closes
    the slot in the same transaction). Returns how many items were cancelled."""
    items = db.session.scalars(
        select(BookingItem)
        .where(BookingItem.slot_id == slot_id, BookingItem.status.in_(HOLDING))
        .order_by(BookingItem.id)
    ).all()
    count = 0
    for item in items:
        if cancel_item(item.booking, item, actor, now, note=reason):
            notifications.notify_guest(
                item.booking,
                "cancelled",
                manage_token(item.booking.reference),
                note=reason,
                items=[item],
            )
            count += 1
    return count


def manifest(slot_id: int, actor) -> tuple[Slot, list[BookingItem]]:
    """Who comes to a slot: live items with their booking's contact, party and note."""
    slot = db.session.get(Slot, slot_id)
    if slot is None:
        raise NotFound("unknown_slot", _("No such slot."))
    if not slot.experience.can_manage(actor):
        raise Forbidden("forbidden", _("This slot is not in your village."))
    items = db.session.scalars(
        select(BookingItem)
        .where(BookingItem.slot_id == slot.id, BookingItem.status.in_(HOLDING))
        .options(selectinload(BookingItem.booking))
        .order_by(BookingItem.id)
    ).all()
    return slot, list(items)


def manifest_csv(slot: Slot, items: list[BookingItem]) -> str:
    header = ["reference", "status", "name", "adults", "children", "phone", "email",
              "language", "note", "starts_at_local"]  # fmt: skip
    starts = to_local(slot.starts_at).strftime("%Y-%m-%d %H:%M")
    return safe_csv(
        header,
        (
            (
                item.booking.reference,
                item.status,
                item.booking.contact_name,
                item.booking.adults,
                item.booking.children,
                item.booking.contact_phone,
                item.booking.contact_email,
                item.booking.language,
                item.booking.note,
                starts,
            )
            for item in items
        ),
    )
