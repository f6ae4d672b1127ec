"""Workshop places for a departure's group: is each workshop stop reserved at the time the
group gets there, and reserving them all at once (all or nothing) through the booking service."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from app.bookings import services as bookings
from app.bookings.models import Booking
from app.bookings.rules import ItemStatus
from app.errors import Conflict
from app.experiences.models import Slot
from app.experiences.rules import SlotStatus
from app.extensions import db
from app.formatting import local_time
from app.operators.departures import get_departure_for_edit, reservation_items
from app.operators.models import Departure, TourStop
from app.operators.rules import stop_time


@dataclass(frozen=True)
class StopCheck:
    stop: TourStop
    expected_at: datetime
    state: str  # "visit", "secured", "requested", "mismatch", "missing", "no_slot"
    slot_id: int | None = None

    @property
    def leaves_at(self) -> datetime:
        return self.expected_at + timedelta(minutes=self.stop.stay_minutes)


def stop_checks(departure: Departure) -> list[StopCheck]:
    """For each stop: is the workshop place reserved at the time the group gets there?"""
    items = reservation_items(departure.id)
    checks = []
    for stop in departure.tour.stops:
        expected = stop_time(departure.starts_at, stop.offset_minutes)
        if stop.experience_id is None:
            checks.append(StopCheck(stop, expected, "visit"))
            continue
        mine = [
            item for item in items if item.slot and item.slot.experience_id == stop.experience_id
        ]
        exact = [item for item in mine if item.slot.starts_at == expected]
        state = (
            "secured"
            if exact and exact[0].status == ItemStatus.CONFIRMED
            else "requested"
            if exact
            else "mismatch"
            if mine
            else "missing"
        )
        if state == "missing" and _open_slot(stop.experience_id, expected) is None:
            state = "no_slot"
        checks.append(StopCheck(stop, expected, state, mine[0].slot_id if mine else None))
    return checks


def _open_slot(experience_id: int, starts_at: datetime) -> int | None:
    """The workshop's open slot starting exactly when the group gets there, if any."""
    return db.session.scalar(
        select(Slot.id).where(
            Slot.experience_id == experience_id,
            Slot.starts_at == starts_at,
            Slot.status == SlotStatus.OPEN,
        )
    )


def reserve_workshops(departure_id: int, actor, places: int, now: datetime) -> Booking:
    """Book, all or nothing, the workshop slot at each stop's planned time for the group."""
    departure = get_departure_for_edit(departure_id, actor)
    wanted = [check for check in stop_checks(departure) if check.state in ("missing", "no_slot")]
    slot_ids = []
    for check in wanted:
        slot_id = _open_slot(check.stop.experience_id, check.expected_at)
        if slot_id is None:
            raise Conflict(
                "no_slot",
                _(
                    "%(title)s has no slot at %(when)s: ask the village to "
                    "open one, or change the stop's time.",
                    title=check.stop.experience.title_en,
                    when=local_time(check.expected_at),
                ),
                {"places": _("no matching slot")},
            )
        slot_ids.append(slot_id)
    if not slot_ids:
        raise Conflict("nothing_to_reserve", _("Every workshop stop is already reserved."))
    booking, _token, _created = bookings.request_booking(
        bookings.BookingRequest(
            slot_ids=tuple(slot_ids),
            adults=places,
            children=0,
            name=departure.tour.operator.name,
            email=actor.email,
            phone="-",
            note=_("Group of tour %(tour)s", tour=departure.tour.title_en),
            language=actor.language,
            for_departure_id=departure.id,
        ),
        actor,
        now,
    )
    return booking
