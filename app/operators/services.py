"""Tour products: the operator's tours and stops, guides and vehicles, and public reads.
Ownership (the actor belongs to the tour's operator company) is checked here."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.errors import Forbidden, Invalid, NotFound
from app.experiences.models import Experience
from app.extensions import db
from app.operators.models import Departure, Guide, Tour, TourStop, Vehicle
from app.operators.rules import DepartureStatus
from app.planner import Candidate, Infeasible, Problem, solve
from app.slugs import free_slug
from app.transactions import write_transaction
from app.trips import travel
from app.villages.models import Village
from app.villages.services import Page, check_paging

TOUR_FIELDS = ("title_vi", "title_en", "description_vi", "description_en", "inclusions_vi",
               "inclusions_en", "duration_minutes", "price_adult_vnd", "price_child_vnd",
               "languages", "meeting_point", "cutoff_hours", "confirmation_mode",
               "is_published")  # fmt: skip
HANOI_CENTRE = (21.0287, 105.8524)  # Hoàn Kiếm Lake: where tours meet unless they say otherwise


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
    return tour


@write_transaction()
def add_stop(
    tour_id: int,
    actor,
    village_slug: str,
    experience_id: int | None,
    offset_minutes: int,
    stay_minutes: int,
) -> TourStop:
    tour = get_tour_for_edit(tour_id, actor)
    village = db.session.scalar(select(Village).where(Village.slug == village_slug))
    if village is None:
        raise Invalid("unknown_village", _("Choose a village."), {"village": _("unknown")})
    if experience_id is not None:
        experience = db.session.get(Experience, experience_id)
        if experience is None or experience.village_id != village.id:
            raise Invalid(
                "bad_experience",
                _("That workshop is not in this village."),
                {"experience_id": _("not in this village")},
            )
    stop = TourStop(
        tour=tour,
        village=village,
        experience_id=experience_id,
        offset_minutes=offset_minutes,
        stay_minutes=stay_minutes,
        position=len(tour.stops),
    )
    db.session.add(stop)
    return stop


@write_transaction()
def remove_stop(stop_id: int, actor) -> None:
    stop = db.session.get(TourStop, stop_id)
    if stop is None:
        raise NotFound("unknown_stop", _("No such stop."))
    tour = get_tour_for_edit(stop.tour_id, actor)
    tour.stops.remove(stop)
    for position, other in enumerate(tour.stops):
        other.position = position


@write_transaction()
def propose_order(tour_id: int, actor, travel_minutes=None) -> Tour:
    """Let the planning engine order the stops (all required, least travel, from and back to
    the meeting point) and set each stop's planned offset from the departure."""
    tour = get_tour_for_edit(tour_id, actor)
    stops = [stop for stop in tour.stops if stop.village.has_point]
    if len(stops) < 2:
        raise Invalid("too_few_stops", _("Add at least two stops with a location first."))
    points = (
        [HANOI_CENTRE] + [(stop.village.lat, stop.village.lon) for stop in stops] + [HANOI_CENTRE]
    )
    minutes = travel_minutes or travel.estimate(points, "car").minutes
    candidates = [
        Candidate(
            key=stop.id,
            score=1.0,
            duration=float(stop.stay_minutes),
            windows=((0.0, 24 * 60.0),),
            required=True,
        )
        for stop in stops
    ]
    try:
        plan = solve(
            Problem(
                candidates=candidates,
                travel=[list(row) for row in minutes],
                day_start=0.0,
                day_end=24 * 60.0,
            ),
            time_limit=1.0,
            seed=0,
        )
    except Infeasible as error:
        raise Invalid("no_order", _("These stops do not fit in one day.")) from error
    _apply_order(tour, stops, plan)
    return tour


def _apply_order(tour: Tour, stops: list[TourStop], plan) -> None:
    by_id = {stop.id: stop for stop in stops}
    ordered = [by_id[visit.key] for visit in plan.visits]
    ordered += [stop for stop in tour.stops if stop not in ordered]
    for position, (stop, visit) in enumerate(zip(ordered, plan.visits, strict=False)):
        stop.position, stop.offset_minutes = position, int(round(visit.start))
    for position, stop in enumerate(ordered):
        stop.position = position
    tour.stops.sort(key=lambda stop: stop.position)
    if plan.visits:
        last = ordered[len(plan.visits) - 1]
        tour.duration_minutes = max(
            tour.duration_minutes, last.offset_minutes + last.stay_minutes + 30
        )


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
