"""Guest-side booking use cases: request (all or nothing), view, cancel, move; holds expiry.

Each public function that writes is one `with write_transaction():` block (app/transactions.py):
raising inside it undoes everything, and mail goes out only after the commit. Places are taken
and given back only through `app.bookings.places` (guarded updates), always in slot-id order, so
concurrent bookings never oversell and never deadlock; a booking that cannot be placed whole
holds nothing.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.bookings import notifications, places
from app.bookings.models import Booking, BookingEvent, BookingItem
from app.bookings.rules import (
    MAX_PARTY,
    ItemStatus,
    before_cutoff,
    hold_expiry,
    initial_status,
    new_reference,
)
from app.errors import Conflict, Invalid, NotFound
from app.experiences.models import ClosedDay, Experience, Slot
from app.experiences.rules import SlotStatus, party_price
from app.extensions import db
from app.formatting import local_time
from app.operators.models import Departure
from app.operators.rules import DepartureStatus
from app.timeutil import to_local
from app.transactions import write_transaction

MAX_ITEMS = 10


@dataclass(frozen=True)
class BookingRequest:
    slot_ids: tuple[int, ...]
    adults: int
    children: int
    name: str
    email: str
    phone: str
    note: str = ""
    language: str = "vi"
    idempotency_key: str | None = None
    departure_id: int | None = None
    for_departure_id: int | None = None  # an operator reserving workshop places for a departure

    @property
    def places(self) -> int:
        return self.adults + self.children


def manage_token(reference: str) -> str:
    """The guest's secret for this booking: derived from SECRET_KEY, stored only as a hash,
    so a retried request can hand out the same link without the token being kept anywhere."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"manage:{reference}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:32]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_booking(request: BookingRequest, actor, now: datetime) -> tuple[Booking, str, bool]:
    """Hold places on every slot of the request, or on none. Returns the booking, its manage
    token and whether it was created now (False: an idempotent retry of an earlier request)."""
    _check_request(request)
    try:
        with write_transaction():
            if request.idempotency_key and (earlier := _by_key(request.idempotency_key)):
                return earlier, manage_token(earlier.reference), False
            booking = _place(request, actor, now)
    except IntegrityError:  # the same idempotency key won a race a moment ago
        earlier = _by_key(request.idempotency_key) if request.idempotency_key else None
        if earlier is None:
            raise
        return earlier, manage_token(earlier.reference), False
    return booking, manage_token(booking.reference), True


def _check_request(request: BookingRequest) -> None:
    if not 1 <= request.places <= MAX_PARTY or request.adults < 0 or request.children < 0:
        raise Invalid(
            "bad_party",
            _("A party is 1 to %(n)d people.", n=MAX_PARTY),
            {"adults": _("1 to %(n)d people in all", n=MAX_PARTY)},
        )
    if request.departure_id is not None:
        if request.slot_ids:
            raise Invalid(
                "slots_and_departure",
                _("Book either slots or a departure."),
                {"departure_id": _("not together with slot_ids")},
            )
        return
    if not request.slot_ids or len(set(request.slot_ids)) != len(request.slot_ids):
        raise Invalid("bad_slots", _("Choose each slot once."), {"slot_ids": _("required")})
    if len(request.slot_ids) > MAX_ITEMS:
        raise Invalid(
            "too_many_slots",
            _("At most %(n)d slots in one booking.", n=MAX_ITEMS),
            {"slot_ids": _("at most %(n)d", n=MAX_ITEMS)},
        )


def _by_key(key: str) -> Booking | None:
    return db.session.scalar(select(Booking).where(Booking.idempotency_key == key))


def _place(request: BookingRequest, actor, now: datetime) -> Booking:
    if request.departure_id is not None:
        return _place_departure(request, actor, now)
    slots = _bookable_slots(request, now)
    lapse_holds(now, slot_ids=[slot.id for slot in slots])
    for slot in slots:  # ascending id: a fixed lock order
        if not places.take(slot.id, request.places):
            _refuse_slot(slot, request.places)
    booking = _new_booking(request, actor)
    for slot in slots:
        booking.items.append(_new_item(request, slot.experience, slot.starts_at, now, slot=slot))
    return _finish(booking, actor, now)


def _refuse_slot(slot: Slot, party: int) -> None:
    """Say why the guarded take refused: the slot was closed meanwhile, or it is full."""
    status = db.session.scalar(select(Slot.status).where(Slot.id == slot.id))
    if status != SlotStatus.OPEN:
        _closed_slot(slot)
    raise Conflict(
        "no_capacity",
        _(
            "No room for %(n)d on %(title)s at %(when)s. Nothing was booked.",
            n=party,
            title=slot.experience.title_en,
            when=local_time(slot.starts_at),
        ),
        {"slot_ids": _("slot %(id)d is full", id=slot.id)},
    )


def _closed_slot(slot: Slot) -> None:
    name = f"{slot.experience.title_en} ({local_time(slot.starts_at)})"
    raise Conflict(
        "slot_closed",
        _("%(name)s is not open for booking.", name=name),
        {"slot_ids": _("slot %(id)d is closed", id=slot.id)},
    )


def _place_departure(request: BookingRequest, actor, now: datetime) -> Booking:
    departure = db.session.get(Departure, request.departure_id)
    if departure is None:
        raise Invalid("unknown_departure", _("No such departure."), {"departure_id": _("unknown")})
    tour = departure.tour
    if departure.status != DepartureStatus.SCHEDULED or not tour.is_published:
        _closed_departure()
    if not before_cutoff(departure.starts_at, now, tour.cutoff_hours):
        raise Conflict(
            "past_cutoff",
            _("This departure can no longer be booked."),
            {"departure_id": _("past its cut-off")},
        )
    lapse_holds(now, departure_ids=[departure.id])
    if not places.take_seats(departure.id, request.places):
        if db.session.scalar(select(Departure.status).where(Departure.id == departure.id)) != (
            DepartureStatus.SCHEDULED
        ):
            _closed_departure()  # cancelled while we were booking
        raise Conflict(
            "no_capacity",
            _("No room for %(n)d on this departure. Nothing was booked.", n=request.places),
            {"departure_id": _("full")},
        )
    booking = _new_booking(request, actor)
    booking.items.append(_new_item(request, tour, departure.starts_at, now, departure=departure))
    return _finish(booking, actor, now)


def _closed_departure() -> None:
    raise Conflict(
        "departure_closed",
        _("This departure is not open for booking."),
        {"departure_id": _("closed")},
    )


def _new_booking(request: BookingRequest, actor) -> Booking:
    booking = Booking(
        reference=_free_reference(),
        idempotency_key=request.idempotency_key,
        user=actor,
        contact_name=request.name.strip(),
        contact_email=request.email.strip().lower(),
        contact_phone=request.phone.strip(),
        adults=request.adults,
        children=request.children,
        language=request.language,
        note=request.note.strip(),
        for_departure_id=request.for_departure_id,
        items=[],
    )
    booking.token_hash = _token_hash(manage_token(booking.reference))
    return booking


def _new_item(
    request: BookingRequest, activity, starts_at: datetime, now: datetime, **target
) -> BookingItem:
    """An item for a slot or a departure; `activity` is its experience or tour."""
    status = initial_status(activity.confirmation_mode)
    hold = hold_expiry(now, current_app.config["BOOKING_HOLD_HOURS"], starts_at)
    return BookingItem(
        status=status,
        places=request.places,
        created_at=now,
        price_vnd=party_price(
            request.adults, request.children, activity.price_adult_vnd, activity.price_child_vnd
        ),
        hold_expires_at=hold if status == ItemStatus.PENDING else None,
        **target,
    )


def _finish(booking: Booking, actor, now: datetime) -> Booking:
    db.session.add(booking)
    db.session.flush()
    for item in booking.items:
        record(booking, item, "", item.status, actor, now)
    pending = any(item.status == ItemStatus.PENDING for item in booking.items)
    notifications.notify_guest(
        booking, "requested" if pending else "confirmed", manage_token(booking.reference)
    )
    notifications.notify_hosts(booking, booking.items, "new")
    return booking


def _bookable_slots(request: BookingRequest, now: datetime) -> list[Slot]:
    slots = db.session.scalars(
        select(Slot)
        .where(Slot.id.in_(request.slot_ids))
        .options(selectinload(Slot.experience).selectinload(Experience.village))
        .order_by(Slot.id)
    ).all()
    found = {slot.id for slot in slots}
    missing = [slot_id for slot_id in request.slot_ids if slot_id not in found]
    if missing:
        raise Invalid(
            "unknown_slot",
            _("No such slot: %(ids)s.", ids=missing),
            {"slot_ids": _("unknown slot %(id)d", id=missing[0])},
        )
    for slot in slots:
        _check_bookable(slot, request.places, now)
    return list(slots)


def _check_bookable(slot: Slot, party: int, now: datetime) -> None:
    experience = slot.experience
    name = f"{experience.title_en} ({local_time(slot.starts_at)})"
    closed_day = db.session.scalar(
        select(ClosedDay.id).where(
            ClosedDay.village_id == experience.village_id,
            ClosedDay.closed_on == to_local(slot.starts_at).date(),
        )
    )
    if (
        slot.status != SlotStatus.OPEN
        or not experience.is_published
        or not experience.village.is_published
        or closed_day is not None
    ):
        _closed_slot(slot)
    if not before_cutoff(slot.starts_at, now, experience.cutoff_hours):
        raise Conflict(
            "past_cutoff",
            _(
                "%(name)s can no longer be booked: bookings close "
                "%(hours)d hours before the start.",
                name=name,
                hours=experience.cutoff_hours,
            ),
            {"slot_ids": _("slot %(id)d is past its cut-off", id=slot.id)},
        )
    if not experience.min_party <= party <= experience.max_party:
        raise Invalid(
            "party_size",
            _(
                "%(name)s takes groups of %(min)d to %(max)d.",
                name=name,
                min=experience.min_party,
                max=experience.max_party,
            ),
            {
                "adults": _(
                    "%(min)d to %(max)d people", min=experience.min_party, max=experience.max_party
                )
            },
        )


def _free_reference() -> str:
    while True:
        reference = new_reference()
        if db.session.scalar(select(Booking.id).where(Booking.reference == reference)) is None:
            return reference


def record(
    booking: Booking,
    item: BookingItem | None,
    from_status: str,
    to_status: str,
    actor,
    now: datetime,
    note: str = "",
    label: str = "",
) -> None:
    """Append an audit event: who (user, guest or system), when, from -> to."""
    actor_label = label or (actor.email if actor is not None else _("guest"))
    db.session.add(
        BookingEvent(
            booking=booking,
            item_id=item.id if item else None,
            actor_id=actor.id if actor is not None else None,
            actor_label=actor_label,
            from_status=from_status,
            to_status=to_status,
            note=note,
            created_at=now,
        )
    )


def find_booking(reference: str, token: str) -> Booking:
    """The booking if `token` is its manage token (compared in constant time), else NotFound —
    the same answer for an unknown reference, so references cannot be probed."""
    booking = db.session.scalar(
        select(Booking)
        .where(Booking.reference == reference.upper())
        .options(
            selectinload(Booking.items)
            .selectinload(BookingItem.slot)
            .selectinload(Slot.experience)
            .selectinload(Experience.village),
            selectinload(Booking.events),
        )
    )
    expected = booking.token_hash if booking else _token_hash("no booking")
    if not secrets.compare_digest(expected, _token_hash(token or "")) or booking is None:
        raise NotFound("unknown_booking", _("No booking matches this reference and link."))
    return booking


def guest_cancel(reference: str, token: str, now: datetime, item_id: int | None = None) -> Booking:
    """Cancel one item (or every live item) before its cut-off; places go back at once."""
    with write_transaction():
        booking = find_booking(reference, token)
        lapse_holds(
            now,
            slot_ids=[item.slot_id for item in booking.items if item.slot_id],
            departure_ids=[item.departure_id for item in booking.items if item.departure_id],
        )
        targets = [item for item in booking.items if item_id in (None, item.id)]
        if item_id is not None and not targets:
            raise NotFound("unknown_item", _("No such item in this booking."))
        cancelled = []
        for item in targets:
            if item.status not in (ItemStatus.PENDING, ItemStatus.CONFIRMED):
                continue
            if not before_cutoff(item.when, now, item.activity.cutoff_hours):
                raise Conflict(
                    "past_cutoff",
                    _(
                        "It is too late to cancel %(title)s online: please call the village.",
                        title=item.activity.title_en,
                    ),
                )
            if cancel_item(booking, item, None, now, label=_("guest")):
                cancelled.append(item)
        if not cancelled:
            raise Conflict("nothing_to_cancel", _("Nothing in this booking can be cancelled."))
        notifications.notify_guest(booking, "cancelled", token, items=cancelled)
        notifications.notify_hosts(booking, cancelled, "cancelled")
    return booking


def cancel_item(
    booking: Booking, item: BookingItem, actor, now: datetime, note: str = "", label: str = ""
) -> bool:
    """Guarded: a live item becomes cancelled and frees its places (no commit)."""
    before = item.status
    if places.move_status(
        item, ItemStatus.CANCELLED, expect=(ItemStatus.PENDING, ItemStatus.CONFIRMED), now=now
    ):
        places.release(item)
        record(booking, item, before, ItemStatus.CANCELLED, actor, now, note, label)
        return True
    return False


def move_item(reference: str, token: str, item_id: int, new_slot_id: int, now: datetime) -> Booking:
    """Move a live item to another slot of the same experience, in one transaction."""
    with write_transaction():
        booking = find_booking(reference, token)
        item = _movable_item(booking, item_id)
        target = _move_target(item, new_slot_id, now)
        old_start = item.slot.starts_at
        _shift_places(item, target)
        note = _("moved from %(when)s", when=local_time(old_start))
        record(booking, item, item.status, item.status, None, now, note, label=_("guest"))
        db.session.flush()
        db.session.expire(item)
        notifications.notify_guest(booking, "moved", token, items=[item])
        notifications.notify_hosts(booking, [item], "moved")
    return booking


def _movable_item(booking: Booking, item_id: int) -> BookingItem:
    item = next((item for item in booking.items if item.id == item_id), None)
    if item is None or item.status not in (ItemStatus.PENDING, ItemStatus.CONFIRMED):
        raise NotFound("unknown_item", _("No live item to move."))
    if item.slot_id is None:
        raise Invalid(
            "not_movable",
            _("Only a workshop booking can move to another date."),
            {"slot_id": _("this item is not on a workshop slot")},
        )
    return item


def _move_target(item: BookingItem, new_slot_id: int, now: datetime) -> Slot:
    """The slot to move to: another bookable slot of the same workshop, both before cut-off."""
    target = db.session.get(Slot, new_slot_id)
    if (
        target is None
        or target.experience_id != item.slot.experience_id
        or target.id == item.slot_id
    ):
        raise Invalid(
            "bad_slot",
            _("Choose another date of the same workshop."),
            {"slot_id": _("another slot of the same workshop")},
        )
    for slot in (item.slot, target):
        if not before_cutoff(slot.starts_at, now, slot.experience.cutoff_hours):
            raise Conflict("past_cutoff", _("Too late to move this booking online."))
    _check_bookable(target, item.places, now)
    return target


def _shift_places(item: BookingItem, target: Slot) -> None:
    """Point the item at `target` and move its places, in slot-id order (a fixed lock order)."""
    old_slot = item.slot_id
    claimed = db.session.execute(  # guarded: a cancel or decline in between wins
        update(BookingItem)
        .where(
            BookingItem.id == item.id,
            BookingItem.slot_id == old_slot,
            BookingItem.status.in_((ItemStatus.PENDING, ItemStatus.CONFIRMED)),
        )
        .values(slot_id=target.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise Conflict("changed", _("This booking changed meanwhile; reload the page."))
    for slot_id in sorted((old_slot, target.id)):
        if slot_id == target.id and not places.take(target.id, item.places):
            raise Conflict(
                "no_capacity",
                _("No room for %(n)d at that time.", n=item.places),
                {"slot_id": _("full")},
            )
        if slot_id == old_slot:
            places.give_back(old_slot, item.places)


def expire_holds(now: datetime) -> int:
    """Lapse every pending hold past its time, free its places and tell the guest."""
    with write_transaction():
        lapsed = lapse_holds(now)
    return len(lapsed)


def lapse_holds(
    now: datetime, slot_ids: list[int] | None = None, departure_ids: list[int] | None = None
) -> list[BookingItem]:
    """Lapse holds past their time (all, or on these slots or departures), with an audit
    event and a notice to each guest; every path that meets a stale hold goes through here."""
    lapsed = places.lapse_expired(now, slot_ids, departure_ids)
    for item in lapsed:
        record(
            item.booking, item, ItemStatus.PENDING, ItemStatus.EXPIRED, None, now, label=_("system")
        )
        notifications.notify_guest(
            item.booking, "expired", manage_token(item.booking.reference), items=[item]
        )
    return lapsed


def send_reminders(now: datetime) -> int:
    """Email every confirmed item (workshop or departure) starting in 24 to 48 hours, once."""
    window = (now + timedelta(hours=24), now + timedelta(hours=48))
    in_window = or_(
        and_(Slot.starts_at > window[0], Slot.starts_at <= window[1]),
        and_(Departure.starts_at > window[0], Departure.starts_at <= window[1]),
    )
    with write_transaction():
        items = db.session.scalars(
            select(BookingItem)
            .outerjoin(Slot, Slot.id == BookingItem.slot_id)
            .outerjoin(Departure, Departure.id == BookingItem.departure_id)
            .where(
                BookingItem.status == ItemStatus.CONFIRMED,
                BookingItem.reminded_at.is_(None),
                in_window,
            )
        ).all()
        for item in items:
            item.reminded_at = now
            notifications.notify_guest(
                item.booking, "reminder", manage_token(item.booking.reference), items=[item]
            )
    return len(items)


def user_bookings(user) -> list[Booking]:
    return list(
        db.session.scalars(
            select(Booking)
            .where(Booking.user_id == user.id)
            .options(
                selectinload(Booking.items)
                .selectinload(BookingItem.slot)
                .selectinload(Slot.experience)
            )
            .order_by(Booking.created_at.desc())
        )
    )
