"""A tour's stops: add, edit, reorder and remove them by hand, the choices of the stop form,
and the stop list with clock times for one departure and the problems an operator must fix.
Ownership is checked through `get_tour_for_edit`; each public function is one transaction."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.errors import Invalid, NotFound
from app.experiences.models import Experience
from app.extensions import db
from app.operators import workshop_times
from app.operators.models import Departure, Tour, TourStop
from app.operators.rules import DepartureStatus, TimedStop, overlapping, stop_time
from app.operators.services import get_tour_for_edit
from app.villages.models import Village


@dataclass(frozen=True)
class StopData:
    """What the operator chose: a village walk (`village_slug`) or one of its workshops."""

    village_slug: str | None
    experience_id: int | None
    offset_minutes: int
    stay_minutes: int


def stop_places() -> list[tuple[Village, list[Experience]]]:
    """Villages on the map with their published workshops, for the stop form's select."""
    villages = db.session.scalars(
        select(Village)
        .where(Village.lat.is_not(None), Village.lon.is_not(None))
        .order_by(Village.name_vi)
    ).all()
    workshops: dict[int, list[Experience]] = {}
    for experience in db.session.scalars(
        select(Experience).where(Experience.is_published.is_(True)).order_by(Experience.title_en)
    ):
        workshops.setdefault(experience.village_id, []).append(experience)
    return [(village, workshops.get(village.id, [])) for village in villages]


def add_stop(tour_id: int, actor, data: StopData) -> TourStop:
    """Append a stop to the route."""
    tour = get_tour_for_edit(tour_id, actor)
    stop = TourStop(position=len(tour.stops))
    _fill(stop, tour, data)  # checks everything before the stop joins the session
    tour.stops.append(stop)
    db.session.commit()
    return stop


def update_stop(stop_id: int, actor, data: StopData) -> TourStop:
    """Change a stop's village or workshop, time and stay, keeping its place in the route."""
    stop, tour = _stop_for_edit(stop_id, actor)
    _fill(stop, tour, data)
    db.session.commit()
    return stop


def move_stop(stop_id: int, actor, step: int) -> TourStop:
    """Swap a stop with its neighbour (`step` -1: earlier, +1: later); times stay as they are
    and the stops page flags any that now contradict the order."""
    stop, tour = _stop_for_edit(stop_id, actor)
    ordered = list(tour.stops)
    index = ordered.index(stop)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, each in enumerate(ordered):
            each.position = position
    db.session.commit()
    return stop


def remove_stop(stop_id: int, actor) -> int:
    """Remove a stop and close the gap; returns its tour's id."""
    stop, tour = _stop_for_edit(stop_id, actor)
    tour.stops.remove(stop)
    for position, other in enumerate(tour.stops):
        other.position = position
    db.session.commit()
    return tour.id


def get_stop_for_edit(stop_id: int, actor) -> TourStop:
    return _stop_for_edit(stop_id, actor)[0]


def _stop_for_edit(stop_id: int, actor) -> tuple[TourStop, Tour]:
    stop = db.session.get(TourStop, stop_id)
    if stop is None:
        raise NotFound("unknown_stop", _("No such stop."))
    return stop, get_tour_for_edit(stop.tour_id, actor)


def _fill(stop: TourStop, tour: Tour, data: StopData) -> None:
    """Check the choice and the times against the tour, then write them on `stop`."""
    experience = _workshop(data.experience_id) if data.experience_id else None
    village = experience.village if experience else _village(data.village_slug)
    if experience is not None and data.stay_minutes < experience.duration_minutes:
        message = _(
            "The workshop lasts %(n)d minutes: stay at least that long.",
            n=experience.duration_minutes,
        )
        raise Invalid("stay_too_short", message, {"stay_minutes": message})
    end = data.offset_minutes + data.stay_minutes
    if end > tour.duration_minutes:
        message = _(
            "This stop would end %(end)s after the departure, but the tour lasts %(length)s.",
            end=hours(end),
            length=hours(tour.duration_minutes),
        )
        raise Invalid("after_tour_end", message, {"offset_minutes": message})
    stop.village, stop.experience = village, experience
    stop.offset_minutes, stop.stay_minutes = data.offset_minutes, data.stay_minutes


def _workshop(experience_id: int) -> Experience:
    experience = db.session.get(Experience, experience_id)
    if experience is None or not experience.is_published or not experience.village.has_point:
        raise Invalid(
            "unknown_workshop",
            _("Choose a published workshop from the list."),
            {"place": _("unknown workshop")},
        )
    return experience


def _village(slug: str | None) -> Village:
    village = db.session.scalar(select(Village).where(Village.slug == (slug or "")))
    if village is None or not village.has_point:
        raise Invalid("unknown_village", _("Choose a village."), {"place": _("unknown village")})
    return village


def hours(minutes: int) -> str:
    """A duration as people say it: 5 h 20."""
    return f"{minutes // 60} h {minutes % 60:02d}"


@dataclass(frozen=True)
class StopRow:
    """A stop as the stops page shows it: clock times for the reference departure (if any)
    and what is wrong with it."""

    stop: TourStop
    arrives_at: datetime | None
    leaves_at: datetime | None
    problems: tuple[str, ...]


def next_departure(tour_id: int, now: datetime) -> Departure | None:
    return db.session.scalar(
        select(Departure)
        .where(
            Departure.tour_id == tour_id,
            Departure.status == DepartureStatus.SCHEDULED,
            Departure.starts_at > now,
        )
        .order_by(Departure.starts_at)
        .limit(1)
    )


def stop_rows(tour: Tour, now: datetime) -> tuple[Departure | None, list[StopRow]]:
    """The route with clock times for the next departure, each stop with its problems."""
    departure = next_departure(tour.id, now)
    stops = list(
        db.session.scalars(
            select(TourStop)
            .where(TourStop.tour_id == tour.id)
            .options(selectinload(TourStop.village), selectinload(TourStop.experience))
            .order_by(TourStop.position)
        )
    )
    problems = _problems(tour, stops, now)
    rows = []
    for index, stop in enumerate(stops):
        arrives = stop_time(departure.starts_at, stop.offset_minutes) if departure else None
        leaves = stop_time(departure.starts_at, stop.end_minutes) if departure else None
        rows.append(StopRow(stop, arrives, leaves, tuple(problems.get(index, ()))))
    return departure, rows


def _problems(tour: Tour, stops: list[TourStop], now: datetime) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    timed = [TimedStop(stop.offset_minutes, stop.stay_minutes) for stop in stops]
    for index in overlapping(timed):
        found.setdefault(index, []).append(
            _("Starts before the previous stop ends: fix the times or let the planner set them.")
        )
    for index, each in enumerate(timed):
        if each.end > tour.duration_minutes:
            found.setdefault(index, []).append(
                _("Ends after the tour's %(length)s.", length=hours(tour.duration_minutes))
            )
    for index, message in workshop_times.mismatches(tour, stops, now).items():
        found.setdefault(index, []).append(message)
    return found
