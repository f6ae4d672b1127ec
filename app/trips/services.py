"""Planner use cases: plan a day (or 2-3) on live availability, save and load shared plans."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.bookings.rules import before_cutoff
from app.errors import NotFound
from app.experiences import services as experiences
from app.experiences.models import Experience, Slot
from app.extensions import db
from app.timeutil import HANOI, to_local
from app.trips import travel, trip
from app.trips.models import SavedPlan
from app.trips.planning import solve_day
from app.trips.problem import DayRequest, SlotOption, VillageInfo, Workshop, build_pool
from app.trips.result import DayPlan, assemble
from app.villages.models import Craft, Village

MAX_DAYS = 3


def plan_day(request: DayRequest, *, now: datetime) -> DayPlan:
    """The best day for `request` on the slots open at `now`, with reasons for missed wishes."""
    workshops = _workshops(request, now)
    villages = _villages()
    mode = request.mode
    pool = build_pool(request, workshops, villages, lambda p, q: travel.minutes_between(p, q, mode))
    points = [request.start, *(o.point or request.start for o in pool.options), request.end_point]
    config = current_app.config
    matrix = travel.matrix(
        points, mode, routing_url=config["ROUTING_URL"], timeout=config.get("ROUTING_TIMEOUT", 2.0)
    )
    solved = solve_day(request, pool, matrix.minutes)
    return assemble(request, solved, matrix.km, matrix.minutes)


def plan_trip(request: DayRequest, days: int, *, now: datetime) -> list[DayPlan]:
    """`days` consecutive days from the same start, planned as one problem: each place goes to
    the day that serves the whole trip best, and no village is visited twice in the trip."""
    count = max(1, min(days, MAX_DAYS))
    if count == 1:
        return [plan_day(request, now=now)]
    requests = [replace(request, on=request.on + timedelta(days=k)) for k in range(count)]
    villages, mode = _villages(), request.mode
    minutes = _minutes(mode)
    pools = [build_pool(r, _workshops(r, now), villages, minutes) for r in requests]
    pool = trip.merge_pools(pools)
    matrix = _matrix(request, pool.options)
    solved = trip.solve_trip(requests, pool, matrix.minutes)
    requests = trip.without_placed(requests, solved)
    return [
        assemble(r, s, matrix.km, matrix.minutes) for r, s in zip(requests, solved, strict=True)
    ]


def _minutes(mode: str):
    return lambda p, q: travel.minutes_between(p, q, mode)


def _matrix(request: DayRequest, options: list) -> travel.Matrix:
    """Travel over [start, *options' points, end], from OSRM when configured."""
    points = [request.start, *(o.point or request.start for o in options), request.end_point]
    config = current_app.config
    return travel.matrix(
        points,
        request.mode,
        routing_url=config["ROUTING_URL"],
        timeout=config.get("ROUTING_TIMEOUT", 2.0),
    )


def _workshops(request: DayRequest, now: datetime) -> list[Workshop]:
    """Workshops with that day's open slots, plus wished ones without any (to say why)."""
    crafts = {craft_id: slug for craft_id, slug in db.session.execute(select(Craft.id, Craft.slug))}
    by_experience: dict[int, list[Slot]] = {}
    rows: dict[int, Experience] = {}
    for slot in experiences.day_availability(request.on, now):
        by_experience.setdefault(slot.experience_id, []).append(slot)
        rows[slot.experience_id] = slot.experience
    wished = {int(key[2:]) for key in request.wishes if key.startswith("e:")} - set(rows)
    if wished:
        query = select(Experience).where(
            Experience.id.in_(wished), Experience.is_published.is_(True)
        )
        for experience in db.session.scalars(query.options(selectinload(Experience.village))):
            if experience.village.is_published:
                rows[experience.id] = experience
    return [
        _workshop(rows[key], by_experience.get(key, []), crafts, request.on, now) for key in rows
    ]


def _workshop(
    experience: Experience, slots: list[Slot], crafts: dict[int, str], on: date, now: datetime
) -> Workshop:
    village = experience.village
    midnight = datetime.combine(on, time(), HANOI)
    options = tuple(
        SlotOption(
            slot.id,
            round((to_local(slot.starts_at) - midnight).total_seconds() / 60),
            slot.remaining,
            before_cutoff(slot.starts_at, now, experience.cutoff_hours),
        )
        for slot in slots
    )
    return Workshop(
        experience.id, village.slug, (village.lat, village.lon) if village.has_point else None,
        experience.duration_minutes, crafts.get(experience.craft_id, ""),
        experience.price_adult_vnd, experience.price_child_vnd,
        experience.min_party, experience.max_party, options,
    )  # fmt: skip


def _villages() -> list[VillageInfo]:
    query = (
        select(Village).where(Village.is_published.is_(True)).options(selectinload(Village.crafts))
    )
    return [
        VillageInfo(
            village.slug,
            (village.lat, village.lon) if village.has_point else None,
            frozenset(craft.slug for craft in village.crafts),
            village.opening_hours,
            village.is_approximate,
        )
        for village in db.session.scalars(query)
    ]


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
