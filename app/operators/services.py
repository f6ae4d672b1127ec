"""Tour products: the operator's tours, guides and vehicles, and public reads (stops live in
`stops`, the stops planner in `stop_planning`).
Ownership (the actor belongs to the tour's operator company) is checked here."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.errors import Forbidden, Invalid, NotFound
from app.extensions import db
from app.operators.models import Departure, Guide, Tour, TourStop, Vehicle
from app.operators.rules import DepartureStatus
from app.slugs import free_slug
from app.transactions import write_transaction
from app.villages.services import Page, check_paging

TOUR_FIELDS = ("title_vi", "title_en", "description_vi", "description_en", "inclusions_vi",
               "inclusions_en", "duration_minutes", "price_adult_vnd", "price_child_vnd",
               "languages", "meeting_point", "meeting_lat", "meeting_lon", "cutoff_hours",
               "confirmation_mode", "is_published", "bring_vi", "bring_en",
               "contact_phone")  # fmt: skip


def operator_id_of(actor) -> int:
    if actor is None or actor.operator_id is None:
        raise Forbidden("no_operator", _("You are not a member of an operator company."))
    return actor.operator_id


def published_tours(page: int = 1, per_page: int = 12) -> Page:
    check_paging(page, per_page)
    query = select(Tour).where(Tour.is_published.is_(True))
    total = db.session.scalar(select(db.func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.options(
            selectinload(Tour.stops).selectinload(TourStop.village), selectinload(Tour.operator)
        )
        .order_by(Tour.title_en)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


def get_published_tour(tour_id: int) -> Tour:
    tour = db.session.scalar(
        select(Tour)
        .where(Tour.id == tour_id, Tour.is_published.is_(True))
        .options(
            selectinload(Tour.stops).selectinload(TourStop.village),
            selectinload(Tour.stops).selectinload(TourStop.experience),
        )
    )
    if tour is None:
        raise NotFound("unknown_tour", _("No such tour is published."))
    return tour


def upcoming_departures(tour_id: int, now: datetime, limit: int = 60) -> list[Departure]:
    return list(
        db.session.scalars(
            select(Departure)
            .where(
                Departure.tour_id == tour_id,
                Departure.starts_at > now,
                Departure.status == DepartureStatus.SCHEDULED,
            )
            .order_by(Departure.starts_at)
            .limit(limit)
        )
    )


def operator_tours(actor) -> list[Tour]:
    query = select(Tour).options(selectinload(Tour.stops))
    if not actor.is_admin:
        query = query.where(Tour.operator_id == operator_id_of(actor))
    return list(db.session.scalars(query.order_by(Tour.title_en)))


def get_tour_for_edit(tour_id: int, actor) -> Tour:
    tour = db.session.get(Tour, tour_id)
    if tour is None:
        raise NotFound("unknown_tour", _("No such tour."))
    if not tour.can_manage(actor):
        raise Forbidden("forbidden", _("This tour belongs to another operator."))
    return tour


@write_transaction()
def save_tour(actor, data: dict, tour_id: int | None = None) -> Tour:
    """Create a tour for the actor's company, or change one of its tours."""
    if tour_id is None:
        tour = Tour(
            operator_id=operator_id_of(actor), slug=free_slug(Tour, data["title_en"], "tour")
        )
        db.session.add(tour)
    else:
        tour = get_tour_for_edit(tour_id, actor)
    for name in TOUR_FIELDS:
        if name in data:
            setattr(tour, name, data[name])
    check_meeting_point(tour)
    check_length(tour)
    return tour


def check_length(tour: Tour) -> None:
    """A tour is never shorter than its stops: shortening it would sell a day that cannot be
    run (move or shorten the stops first)."""
    needed = max((stop.end_minutes for stop in tour.stops), default=0)
    if needed > tour.duration_minutes:
        message = _("The stops end %(n)d minutes after departure: the tour lasts at least that.",
                    n=needed)  # fmt: skip
        raise Invalid("shorter_than_stops", message, {"duration_minutes": message})


def check_meeting_point(tour: Tour) -> None:
    """Guests must know where to meet: a published tour has a named meeting point with its
    point on the map (both coordinates, or none while the tour is a draft)."""
    if (tour.meeting_lat is None) != (tour.meeting_lon is None):
        raise Invalid(
            "meeting_point_location",
            _("Give both coordinates of the meeting point, or click the map."),
            {"meeting_lon": _("both latitude and longitude")},
        )
    if tour.is_published and not (tour.meeting_point or "").strip():
        raise Invalid(
            "meeting_point_required",
            _("A published tour needs a meeting point: say where guests meet."),
            {"meeting_point": _("required to publish")},
        )
    if tour.is_published and tour.meeting_geo is None:
        raise Invalid(
            "meeting_point_required",
            _("A published tour needs its meeting point on the map: click it or type the "
              "coordinates."),
            {"meeting_lat": _("required to publish")},
        )  # fmt: skip


@write_transaction()
def add_guide(actor, name: str, phone: str = "", languages: str = "vi") -> Guide:
    guide = Guide(
        operator_id=operator_id_of(actor),
        name=name.strip(),
        phone=phone.strip(),
        languages=languages,
    )
    db.session.add(guide)
    return guide


@write_transaction()
def add_vehicle(actor, name: str, seats: int) -> Vehicle:
    vehicle = Vehicle(operator_id=operator_id_of(actor), name=name.strip(), seats=seats)
    db.session.add(vehicle)
    return vehicle


def company_resources(actor) -> tuple[list[Guide], list[Vehicle]]:
    operator_id = operator_id_of(actor)
    guides = db.session.scalars(
        select(Guide).where(Guide.operator_id == operator_id).order_by(Guide.name)
    ).all()
    vehicles = db.session.scalars(
        select(Vehicle).where(Vehicle.operator_id == operator_id).order_by(Vehicle.name)
    ).all()
    return list(guides), list(vehicles)


@write_transaction()
def delete_resource(model, resource_id: int, actor) -> None:
    """Remove a guide or vehicle of the actor's company (departures keep running without)."""
    resource = db.session.get(model, resource_id)
    if resource is None or resource.operator_id != operator_id_of(actor):
        raise NotFound("unknown_resource", _("Not found."))
    db.session.delete(resource)
