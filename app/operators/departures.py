"""Departures: scheduling (one-off or weekly), guide and vehicle clash checks, moving and
cancelling with notices, manifests, utilisation (reserving workshop places: `reservations`)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.accounts.models import User, VillageHost
from app.bookings import notifications
from app.bookings import services as bookings
from app.bookings.hosting import safe_csv
from app.bookings.models import Booking, BookingItem
from app.bookings.rules import HOLDING
from app.errors import Conflict, Invalid, NotFound
from app.experiences.rules import check_capacity, check_future
from app.experiences.schedule import slot_starts, weekly_rule
from app.experiences.services import local_day_bounds
from app.extensions import db
from app.formatting import local_time
from app.notifications import services as outbox
from app.operators.models import Departure, DepartureRule, Guide, Tour, TourStop, Vehicle
from app.operators.rules import DepartureStatus, Interval, utilisation, week_start
from app.operators.services import get_tour_for_edit, operator_id_of
from app.sqlite import start_write_transaction
from app.timeutil import to_local
from app.villages.models import Village


@dataclass(frozen=True)
class DepartureData:
    starts_at: datetime
    capacity: int
    guide_id: int | None = None
    vehicle_id: int | None = None
    note: str = ""


def get_departure_for_edit(departure_id: int, actor) -> Departure:
    departure = db.session.get(Departure, departure_id)
    if departure is None:
        raise NotFound("unknown_departure", _("No such departure."))
    get_tour_for_edit(departure.tour_id, actor)
    return departure


def check_assignments(
    tour: Tour,
    interval: Interval,
    guide_id: int | None,
    vehicle_id: int | None,
    exclude_id: int | None = None,
) -> None:
    """A guide or a vehicle cannot be on two departures whose times overlap."""
    for column, value, field, model in (
        (Departure.guide_id, guide_id, "guide_id", Guide),
        (Departure.vehicle_id, vehicle_id, "vehicle_id", Vehicle),
    ):
        if value is None:
            continue
        resource = db.session.get(model, value)
        if resource is None or resource.operator_id != tour.operator_id:
            raise Invalid("unknown_resource", _("Choose one of your own."), {field: _("unknown")})
        clash = db.session.scalar(
            select(Departure)
            .where(
                column == value,
                Departure.status == DepartureStatus.SCHEDULED,
                Departure.starts_at < interval.ends_at,
                Departure.ends_at > interval.starts_at,
                Departure.id != (exclude_id or -1),
            )
            .options(selectinload(Departure.tour))
        )
        if clash is not None:
            message = _(
                "%(name)s is already on %(tour)s from %(start)s to %(end)s.",
                name=resource.name,
                tour=clash.tour.title_en,
                start=local_time(clash.starts_at),
                end=local_time(clash.ends_at, "%H:%M"),
            )
            raise Conflict("double_booked", message, {field: message})


def add_departure(tour_id: int, actor, data: DepartureData, now: datetime) -> Departure:
    tour = get_tour_for_edit(tour_id, actor)
    check_future(data.starts_at, now)
    check_capacity(data.capacity)
    ends_at = data.starts_at + timedelta(minutes=tour.duration_minutes)
    check_assignments(tour, Interval(data.starts_at, ends_at), data.guide_id, data.vehicle_id)
    departure = Departure(
        tour=tour,
        starts_at=data.starts_at,
        ends_at=ends_at,
        capacity=data.capacity,
        guide_id=data.guide_id,
        vehicle_id=data.vehicle_id,
        note=data.note.strip(),
    )
    db.session.add(departure)
    db.session.commit()
    return departure


def add_departure_rule(
    tour_id: int, actor, values: dict, now: datetime, weeks_ahead: int = 8
) -> int:
    """Open weekly departures (no guide or vehicle yet) up to `weeks_ahead` weeks."""
    tour = get_tour_for_edit(tour_id, actor)
    created = open_weekly(tour, values, now, weeks_ahead)
    db.session.commit()
    return created


def open_weekly(tour: Tour, values: dict, now: datetime, weeks_ahead: int = 8) -> int:
    """Store a weekly rule for `tour` and add its missing departures (no commit)."""
    weekly = weekly_rule(values)
    check_capacity(weekly.capacity)
    rule = DepartureRule(
        tour=tour,
        weekdays=",".join(map(str, sorted(weekly.weekdays))),
        start_times=values["start_times"],
        starts_on=weekly.starts_on,
        ends_on=weekly.ends_on,
        capacity=weekly.capacity,
    )
    db.session.add(rule)
    db.session.flush()
    first = to_local(now).date()
    existing = set(
        db.session.scalars(select(Departure.starts_at).where(Departure.tour_id == tour.id))
    )
    created = 0
    for start in slot_starts(weekly, set(), first, first + timedelta(weeks=weeks_ahead)):
        if start > now and start not in existing:
            db.session.add(
                Departure(
                    tour=tour,
                    rule_id=rule.id,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=tour.duration_minutes),
                    capacity=weekly.capacity,
                )
            )
            created += 1
    return created


def update_departure(departure_id: int, actor, data: DepartureData, now: datetime) -> Departure:
    """Change time, seats, guide or vehicle. Moving the time tells the guests and the villages
    on the route; workshop reservations that no longer match are flagged on the page."""
    start_write_transaction(db.session)
    departure = get_departure_for_edit(departure_id, actor)
    tour = departure.tour
    check_capacity(data.capacity, departure.booked)
    ends_at = data.starts_at + timedelta(minutes=tour.duration_minutes)
    check_assignments(
        tour,
        Interval(data.starts_at, ends_at),
        data.guide_id,
        data.vehicle_id,
        exclude_id=departure.id,
    )
    moved_from = departure.starts_at if data.starts_at != departure.starts_at else None
    if moved_from is not None:
        check_future(data.starts_at, now)
    departure.starts_at, departure.ends_at = data.starts_at, ends_at
    departure.note = data.note.strip()
    seats = db.session.execute(  # guarded: never below what a concurrent booking just took
        update(Departure)
        .where(Departure.id == departure.id, Departure.booked <= data.capacity)
        .values(capacity=data.capacity)
        .execution_options(synchronize_session=False)
    )
    if seats.rowcount != 1:
        db.session.rollback()
        raise Conflict(
            "capacity_below_booked",
            _("More seats were booked meanwhile."),
            {"capacity": _("below what is booked")},
        )
    db.session.expire(departure, ["capacity"])
    departure.guide_id, departure.vehicle_id = data.guide_id, data.vehicle_id
    if moved_from is not None:
        _tell_about_move(departure, moved_from, actor, now)
    db.session.commit()
    outbox.deliver_pending()
    return departure


def _tell_about_move(departure: Departure, moved_from: datetime, actor, now: datetime) -> None:
    note = _(
        "The departure moved from %(old)s to %(new)s.",
        old=local_time(moved_from),
        new=local_time(departure.starts_at),
    )
    for item in live_items(departure.id):
        bookings.record(item.booking, item, item.status, item.status, actor, now, note)
        notifications.notify_guest(
            item.booking,
            "moved",
            bookings.manage_token(item.booking.reference),
            note=note,
            items=[item],
        )
    villages = {stop.village_id for stop in departure.tour.stops}
    for email in db.session.scalars(
        select(User.email)
        .join(VillageHost)
        .where(VillageHost.village_id.in_(villages or {-1}))
        .distinct()
    ):
        outbox.queue_email(
            email,
            _("Tour %(tour)s moved", tour=departure.tour.title_vi),
            note,
            kind="departure_moved",
        )


def cancel_departure(departure_id: int, actor, reason: str, now: datetime) -> int:
    """Cancel a departure and every booking on it, telling each guest why."""
    if not reason.strip():
        raise Invalid("reason_required", _("Give the guests a reason."), {"reason": _("required")})
    start_write_transaction(db.session)
    departure = get_departure_for_edit(departure_id, actor)
    count = 0
    for item in live_items(departure.id):
        if bookings.cancel_item(item.booking, item, actor, now, note=reason.strip()):
            notifications.notify_guest(
                item.booking,
                "cancelled",
                bookings.manage_token(item.booking.reference),
                note=reason.strip(),
                items=[item],
            )
            count += 1
    _release_reservations(departure, actor, reason.strip(), now)
    departure.status = DepartureStatus.CANCELLED
    db.session.commit()
    outbox.deliver_pending()
    return count


def _release_reservations(departure: Departure, actor, reason: str, now: datetime) -> None:
    """Give the villages back the workshop places reserved for a cancelled departure."""
    for item in reservation_items(departure.id):
        if bookings.cancel_item(item.booking, item, actor, now, note=reason):
            notifications.notify_hosts(item.booking, [item], "cancelled")


def live_items(departure_id: int) -> list[BookingItem]:
    return list(
        db.session.scalars(
            select(BookingItem)
            .where(BookingItem.departure_id == departure_id, BookingItem.status.in_(HOLDING))
            .options(selectinload(BookingItem.booking))
            .order_by(BookingItem.id)
        )
    )


def reservation_items(departure_id: int) -> list[BookingItem]:
    """Live workshop items an operator booked for this departure's group."""
    return list(
        db.session.scalars(
            select(BookingItem)
            .join(Booking)
            .where(Booking.for_departure_id == departure_id, BookingItem.status.in_(HOLDING))
            .options(selectinload(BookingItem.slot), selectinload(BookingItem.booking))
        )
    )


def departures_between(actor, first: date, last: date) -> list[Departure]:
    start, end = local_day_bounds(first, last)
    query = (
        select(Departure)
        .join(Tour)
        .where(Departure.starts_at >= start, Departure.starts_at < end)
        .options(
            selectinload(Departure.tour),
            selectinload(Departure.guide),
            selectinload(Departure.vehicle),
        )
        .order_by(Departure.starts_at)
    )
    if not actor.is_admin:
        query = query.where(Tour.operator_id == operator_id_of(actor))
    return list(db.session.scalars(query))


def check_in(item_id: int, actor, now: datetime, present: bool = True) -> BookingItem:
    item = db.session.get(BookingItem, item_id)
    if item is None or item.departure is None:
        raise NotFound("unknown_item", _("No such guest."))
    get_tour_for_edit(item.departure.tour_id, actor)
    item.checked_in_at = now if present else None
    db.session.commit()
    return item


@dataclass(frozen=True)
class Usage:
    label: str
    booked: int
    capacity: int

    @property
    def share(self) -> float:
        return utilisation(self.booked, self.capacity)


def utilisation_report(actor, first: date, last: date) -> tuple[list[Usage], list[Usage]]:
    """Booked versus capacity of scheduled departures, by week and by village on the route."""
    departures = [
        departure
        for departure in departures_between(actor, first, last)
        if departure.status == DepartureStatus.SCHEDULED
    ]
    weeks: dict[date, list[int]] = {}
    villages: dict[str, list[int]] = {}
    stops = _stops_by_tour({departure.tour_id for departure in departures})
    for departure in departures:
        week = weeks.setdefault(week_start(to_local(departure.starts_at).date()), [0, 0])
        week[0] += departure.booked
        week[1] += departure.capacity
        for name in stops.get(departure.tour_id, []):
            village = villages.setdefault(name, [0, 0])
            village[0] += departure.booked
            village[1] += departure.capacity
    by_week = [Usage(day.strftime("%d/%m"), *values) for day, values in sorted(weeks.items())]
    by_village = [Usage(name, *values) for name, values in sorted(villages.items())]
    return by_week, by_village


def _stops_by_tour(tour_ids: set[int]) -> dict[int, list[str]]:
    """The names of the villages on each tour's route, each once."""
    rows = db.session.execute(
        select(TourStop.tour_id, Village.name_vi)
        .join(Village)
        .where(TourStop.tour_id.in_(tour_ids or {-1}))
        .distinct()
    ).all()
    result: dict[int, list[str]] = {}
    for tour_id, name in rows:
        result.setdefault(tour_id, []).append(name)
    return result


def manifest_csv(departure: Departure) -> str:
    """The departure's guests as CSV (cells a spreadsheet will not run as formulas)."""
    header = ["reference", "name", "adults", "children", "phone", "email", "note", "status",
              "checked_in"]  # fmt: skip
    return safe_csv(
        header,
        (
            (
                item.booking.reference,
                item.booking.contact_name,
                item.booking.adults,
                item.booking.children,
                item.booking.contact_phone,
                item.booking.contact_email,
                item.booking.note,
                item.status,
                "yes" if item.checked_in_at else "",
            )
            for item in live_items(departure.id)
        ),
    )
