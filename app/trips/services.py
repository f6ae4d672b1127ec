"""Planner use cases: plan a day (or 2-3) on live availability, save and load shared plans."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.errors import NotFound
from app.experiences import services as experiences
from app.experiences.models import Experience
from app.extensions import db
from app.trips import catalogue, travel, trip
from app.trips.approximate import with_buffer
from app.trips.models import SavedPlan
from app.trips.planning import solve_day
from app.trips.problem import DayRequest, Pool, build_pool
from app.trips.result import DayPlan, assemble, workshops_notice
from app.villages.models import Village

MAX_DAYS = 3


def plan_day(request: DayRequest, *, now: datetime) -> DayPlan:
    """The best day for `request` on the slots open at `now`, with reasons for missed wishes."""
    cat = catalogue.catalogue()
    pool = _pool(request, cat, now)
    km, minutes = _matrix(request, pool.options)
    solved = solve_day(request, pool, minutes)
    return _with_notice(assemble(request, solved, km, minutes), now)


def _pool(request: DayRequest, cat: catalogue.Catalogue, now: datetime) -> Pool:
    """The day's candidates: workshops read as plain rows, villages preselected by reachability."""
    wished = [int(key[2:]) for key in request.wishes if key.startswith("e:")]
    workshops = catalogue.day_workshops(request.on, now, cat, wished)
    times = catalogue.reach(request, cat)
    villages = catalogue.preselect(request, cat, workshops, times)
    return build_pool(request, workshops, villages, times.minutes(request, cat))


def plan_trip(request: DayRequest, days: int, *, now: datetime) -> list[DayPlan]:
    """`days` consecutive days from the same start, planned as one problem: each place goes to
    the day that serves the whole trip best, and no village is visited twice in the trip."""
    count = max(1, min(days, MAX_DAYS))
    if count == 1:
        return [plan_day(request, now=now)]
    requests = [replace(request, on=request.on + timedelta(days=k)) for k in range(count)]
    cat = catalogue.catalogue()
    pool = trip.merge_pools([_pool(r, cat, now) for r in requests])
    km, minutes = _matrix(request, pool.options)
    solved = trip.solve_trip(requests, pool, minutes)
    requests = trip.without_placed(requests, solved)
    return [
        _with_notice(assemble(r, s, km, minutes), now)
        for r, s in zip(requests, solved, strict=True)
    ]


def _matrix(request: DayRequest, options: list) -> tuple:
    """Km and minutes over [start, *options' points, end], from OSRM when configured; every leg
    to an approximate point carries the buffer (see `approximate`)."""
    points = [request.start, *(o.point or request.start for o in options), request.end_point]
    config = current_app.config
    matrix = travel.matrix(
        points,
        request.mode,
        routing_url=config["ROUTING_URL"],
        timeout=config.get("ROUTING_TIMEOUT", 2.0),
    )
    flags = [False, *(o.is_approximate for o in options), False]
    return matrix.km, with_buffer(matrix.minutes, flags, config["APPROXIMATE_BUFFER_MINUTES"])


def _with_notice(day: DayPlan, now: datetime) -> DayPlan:
    """Say so when the day is past the last date any workshop is open for booking."""
    notice = workshops_notice(day.on, experiences.last_open_date(now))
    if notice is not None:
        day.unplaced.append(notice)
    return day


def save_plan(request_data: dict, result_data: dict) -> SavedPlan:
    """Store a plan under a random, unguessable slug for a read-only shared link."""
    saved = SavedPlan(slug=secrets.token_urlsafe(9), request=request_data, result=result_data)
    db.session.add(saved)
    db.session.commit()
    return saved


def get_saved(slug: str) -> SavedPlan:
    saved = db.session.scalar(select(SavedPlan).where(SavedPlan.slug == slug))
    if saved is None:
        raise NotFound("unknown_plan", _("No such saved plan."))
    return saved


def names_for(plans: list[DayPlan]) -> tuple[dict[str, Village], dict[int, Experience]]:
    """The villages and experiences a page needs to name the stops and unplaced wishes."""
    slugs = {stop.village for plan in plans for stop in plan.stops if stop.village}
    slugs |= {u.id for plan in plans for u in plan.unplaced if u.kind == "village"}
    ids = {stop.experience_id for plan in plans for stop in plan.stops if stop.experience_id}
    ids |= {u.id for plan in plans for u in plan.unplaced if u.kind == "experience"}
    villages = db.session.scalars(select(Village).where(Village.slug.in_(slugs or {""})))
    rows = db.session.scalars(select(Experience).where(Experience.id.in_(ids or {-1})))
    return {v.slug: v for v in villages}, {e.id: e for e in rows}
