"""Reading routes, and turning "plan this route on <date>" into the planner's request.

A route's villages are all required; where a village has a workshop with room that day, the
workshop is the visit (pinned), its other workshops are offered too. If a pinned workshop cannot
fit with the others, that village is planned again as a village walk, so the day still goes
everywhere the route goes.
"""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.bookings.rules import before_cutoff
from app.errors import Invalid, NotFound
from app.experiences import services as experiences
from app.extensions import db
from app.itineraries.models import Itinerary, ItineraryStop
from app.trips import services as trips
from app.trips.places import DEFAULT_PLACE, PLACES_BY_KEY
from app.trips.problem import DayRequest
from app.villages.models import Village

#: Re-plans at most this many times (the second swaps unplaceable workshops for walks).
ROUNDS = 2


@dataclass(frozen=True)
class Party:
    adults: int
    children: int = 0

    @property
    def size(self) -> int:
        return self.adults + self.children


def published_itineraries() -> list[Itinerary]:
    """Published routes in their order, with their villages (one query each)."""
    query = (
        select(Itinerary)
        .where(Itinerary.is_published.is_(True))
        .options(selectinload(Itinerary.stops).selectinload(ItineraryStop.village))
        .order_by(Itinerary.position, Itinerary.slug)
    )
    return list(db.session.scalars(query))


def get_itinerary(slug: str) -> Itinerary:
    """A published route with its villages and their crafts, or NotFound."""
    itinerary = db.session.scalar(
        select(Itinerary)
        .where(Itinerary.slug == slug, Itinerary.is_published.is_(True))
        .options(
            selectinload(Itinerary.stops)
            .selectinload(ItineraryStop.village)
            .selectinload(Village.crafts)
        )
    )
    if itinerary is None:
        raise NotFound("unknown_route", _("There is no such route."))
    return itinerary


def plannable_villages(itinerary: Itinerary) -> list[Village]:
    """The route's villages a planner can take you to: published, with a point."""
    return [v for v in itinerary.villages if v.is_published and v.has_point]


def planner_args(itinerary: Itinerary, on: date, party: Party, *, now: datetime) -> dict:
    """The planner's query string (trips.index) for this route on `on`, for `party`."""
    villages = plannable_villages(itinerary)
    if not villages:
        raise Invalid("no_villages", _("This route has no village on the map yet."))
    workshops = _workshops_with_room(villages, on, party.size, now)
    walks: set[str] = set()
    for _round in range(ROUNDS):
        pinned, include = _wishes(villages, workshops, walks)
        plan = trips.plan_day(_request(itinerary, on, party, pinned, include), now=now)
        missing = {v.slug for v in villages} - plan.villages
        swap = {slug for slug in missing if workshops.get(slug) and slug not in walks}
        if not swap:
            break
        walks |= swap
    return _query(itinerary, on, party, pinned, include)


def start_place(itinerary: Itinerary):
    return PLACES_BY_KEY.get(itinerary.start_place, DEFAULT_PLACE)


def _workshops_with_room(
    villages: list[Village], on: date, party: int, now: datetime
) -> dict[str, list[int]]:
    """Per village slug: its workshops with a slot that day still bookable for the party."""
    slugs = {village.slug for village in villages}
    found: dict[str, list[int]] = {}
    for slot in experiences.day_availability(on, now):
        experience = slot.experience
        if experience.village.slug not in slugs or slot.remaining < party:
            continue
        if not experience.min_party <= party <= experience.max_party:
            continue
        if not before_cutoff(slot.starts_at, now, experience.cutoff_hours):
            continue
        ids = found.setdefault(experience.village.slug, [])
        if experience.id not in ids:
            ids.append(experience.id)
    return {slug: sorted(ids) for slug, ids in found.items()}


def _wishes(
    villages: list[Village], workshops: dict[str, list[int]], walks: set[str]
) -> tuple[list[str], list[str]]:
    """Pin each village through its first workshop (or its walk); offer its other workshops."""
    pinned, include = [], []
    for village in villages:
        ids = workshops.get(village.slug, [])
        if ids and village.slug not in walks:
            pinned.append(f"e:{ids[0]}")
            include += [f"e:{other}" for other in ids[1:]]
        else:
            pinned.append(f"v:{village.slug}")
    return pinned, include


def _request(
    itinerary: Itinerary, on: date, party: Party, pinned: list[str], include: list[str]
) -> DayRequest:
    place = start_place(itinerary)
    return DayRequest(
        on=on,
        start=(place.lat, place.lon),
        adults=party.adults,
        children=party.children,
        pinned=frozenset(pinned),
        include=frozenset(include),
        lunch=itinerary.has_lunch,
        max_stops=len(pinned),
    )


def _query(
    itinerary: Itinerary, on: date, party: Party, pinned: list[str], include: list[str]
) -> dict:
    query = {
        "date": on.isoformat(), "days": "1", "place": start_place(itinerary).key,
        "day_start": "08:00", "day_end": "18:00", "mode": "car",
        "adults": str(party.adults), "children": str(party.children),
        "pin": pinned, "include": include, "max_stops": str(len(pinned)),
    }  # fmt: skip
    if itinerary.has_lunch:
        query["lunch"] = "y"
    return query
