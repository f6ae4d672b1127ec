"""What planning reads from the database: village facts (cached per process) and a day's
workshops, as plain column rows (no ORM objects), plus the reachability preselection.

Village facts (slug, point, crafts, opening hours) change rarely but every plan reads all of
them. Each process keeps its copy and re-reads it only when a cheap aggregate over the village
tables (`_version`) changes, so an edit made in any process is seen by the next plan in every
process. Workshops and slots are read fresh: availability changes by the minute.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

import numpy as np
from sqlalchemy import func, select

from app.bookings.places import lapsed_places_subquery
from app.bookings.rules import before_cutoff
from app.experiences.models import Experience, Slot
from app.experiences.rules import SlotStatus
from app.experiences.services import local_day_bounds
from app.extensions import db
from app.timeutil import HANOI, to_local
from app.trips import travel
from app.trips.problem import (
    APPROX_WALK_SCORE,
    LONG_WALK_MINUTES,
    POOL_SIZE,
    WALK_INTEREST_BONUS,
    WALK_MINUTES,
    WALK_SCORE,
    DayRequest,
    Minutes,
    SlotOption,
    VillageInfo,
    Workshop,
    opening_window,
)
from app.trips.travel import Point
from app.villages.models import PRECISE, Craft, Village, village_crafts


@dataclass(frozen=True)
class Catalogue:
    """Published villages in a fixed order, their points as arrays (NaN without a point)."""

    version: tuple
    villages: tuple[VillageInfo, ...]
    index: dict[int, int]  # village id -> position
    lat: np.ndarray
    lon: np.ndarray
    opens: np.ndarray  # opening hours read from the text, minutes after midnight
    closes: np.ndarray
    crafts: dict[int, str]  # craft id -> slug


_CACHE: dict[str, Catalogue] = {}  # one per database URL (tests run several apps)


def catalogue() -> Catalogue:
    """The village facts, re-read only when the version query says something changed."""
    version = _version()
    key = db.engine.url.render_as_string(hide_password=True)
    cached = _CACHE.get(key)
    if cached is None or cached.version != version:
        cached = _CACHE[key] = _load(version)
    return cached


def _version() -> tuple:
    """An aggregate that changes with any insert, delete or edit of a village or its crafts."""
    links = village_crafts.c
    link_count = select(func.count()).select_from(village_crafts).scalar_subquery()
    link_sum = select(func.sum(links.craft_id * 7919 + links.village_id)).scalar_subquery()
    crafts = select(func.count(Craft.id), func.max(Craft.id)).subquery()
    return tuple(
        db.session.execute(
            select(
                func.count(Village.id), func.max(Village.updated_at), func.sum(Village.id),
                func.sum(Village.lat), func.sum(Village.lon), link_count, link_sum,
                select(crafts.c[0]).scalar_subquery(), select(crafts.c[1]).scalar_subquery(),
            )
        ).one()
    )  # fmt: skip


def _load(version: tuple) -> Catalogue:
    crafts = dict(db.session.execute(select(Craft.id, Craft.slug)).all())
    links: dict[int, set[str]] = {}
    for village_id, craft_id in db.session.execute(select(village_crafts)).all():
        links.setdefault(village_id, set()).add(crafts[craft_id])
    columns = (Village.id, Village.slug, Village.lat, Village.lon, Village.opening_hours,
               Village.coord_precision)  # fmt: skip
    rows = db.session.execute(
        select(*columns).where(Village.is_published.is_(True)).order_by(Village.id)
    ).all()
    villages = tuple(
        VillageInfo(slug, (lat, lon) if lat is not None and lon is not None else None,
                    frozenset(links.get(vid, ())), hours or "",
                    lat is not None and lon is not None and precision != PRECISE)
        for vid, slug, lat, lon, hours, precision in rows
    )  # fmt: skip
    lat = np.array([np.nan if r.lat is None or r.lon is None else r.lat for r in rows], float)
    lon = np.array([np.nan if r.lat is None or r.lon is None else r.lon for r in rows], float)
    index = {row.id: position for position, row in enumerate(rows)}
    hours = np.array([opening_window(v.opening_hours) for v in villages], float).reshape(-1, 2)
    return Catalogue(version, villages, index, lat, lon, hours[:, 0], hours[:, 1], crafts)


def day_workshops(on: date, now: datetime, cat: Catalogue, wished: Iterable[int]) -> list[Workshop]:
    """Workshops of published villages with open slots on `on` (remaining places counting lapsed
    holds as free), plus the wished experiences without any (so the plan can say why)."""
    start, end = local_day_bounds(on, on)
    lapsed = lapsed_places_subquery(now)
    slot_rows = db.session.execute(
        select(Slot.experience_id, Slot.id, Slot.starts_at,
               Slot.capacity - Slot.booked + func.coalesce(lapsed.c.places, 0))
        .join(Experience, Experience.id == Slot.experience_id)
        .outerjoin(lapsed, lapsed.c.slot_id == Slot.id)
        .where(Slot.starts_at >= max(start, now), Slot.starts_at < end,
               Slot.status == SlotStatus.OPEN, Experience.is_published.is_(True))
        .order_by(Slot.starts_at)
    ).all()  # fmt: skip
    slots: dict[int, list] = {}
    for experience_id, *rest in slot_rows:
        slots.setdefault(experience_id, []).append(rest)
    order = {experience_id: k for k, experience_id in enumerate(slots)}
    rows = sorted(_experiences(set(slots) | set(wished)), key=lambda r: order.get(r.id, len(order)))
    return [
        _workshop(row, slots.get(row.id, []), cat, on, now)
        for row in rows
        if row.village_id in cat.index
    ]


def _experiences(ids: set[int]) -> list:
    if not ids:
        return []
    return db.session.execute(
        select(Experience.id, Experience.village_id, Experience.duration_minutes,
               Experience.craft_id, Experience.price_adult_vnd, Experience.price_child_vnd,
               Experience.min_party, Experience.max_party, Experience.cutoff_hours)
        .where(Experience.id.in_(ids), Experience.is_published.is_(True))
        .order_by(Experience.id)
    ).all()  # fmt: skip


def _workshop(row, slots: list, cat: Catalogue, on: date, now: datetime) -> Workshop:
    village = cat.villages[cat.index[row.village_id]]
    midnight = datetime.combine(on, time(), HANOI)
    options = tuple(
        SlotOption(slot_id, round((to_local(starts) - midnight).total_seconds() / 60), remaining,
                   before_cutoff(starts, now, row.cutoff_hours))
        for slot_id, starts, remaining in slots
    )  # fmt: skip
    return Workshop(
        row.id, village.slug, village.point, row.duration_minutes,
        cat.crafts.get(row.craft_id, ""), row.price_adult_vnd, row.price_child_vnd,
        row.min_party, row.max_party, options, village.is_approximate,
    )  # fmt: skip


@dataclass(frozen=True)
class Reach:
    """Minutes from the start to every catalogue village and from each back to the end."""

    out: np.ndarray
    back: np.ndarray

    def minutes(self, request: DayRequest, cat: Catalogue) -> Minutes:
        """A `problem.Minutes` that looks these up (and computes any other pair)."""
        out = dict(zip((v.point for v in cat.villages), self.out.tolist(), strict=True))
        back = dict(zip((v.point for v in cat.villages), self.back.tolist(), strict=True))
        start, end, mode = request.start, request.end_point, request.mode

        def minutes(p: Point, q: Point) -> float:
            found = out.get(q) if p == start else back.get(p) if q == end else None
            return travel.minutes_between(p, q, mode) if found is None else found

        return minutes


def reach(request: DayRequest, cat: Catalogue) -> Reach:
    return Reach(
        travel.minutes_from(request.start, cat.lat, cat.lon, request.mode),
        travel.minutes_from(request.end_point, cat.lat, cat.lon, request.mode),
    )


def preselect(
    request: DayRequest, cat: Catalogue, workshops: list[Workshop], times: Reach
) -> list[VillageInfo]:
    """The villages `problem.build_pool` needs: the wished ones, those with a workshop today,
    and the 2 x POOL_SIZE best other walks that fit in the day alone, by the value the pool
    ranks with (so the pool comes out the same as from every village). Vectorised over the
    whole table; the rest is never looked at."""
    named = {key[2:] for key in request.wishes if key.startswith("v:")}
    hosts = {w.village for w in workshops}
    liked = np.array([bool(v.crafts & request.crafts) for v in cat.villages], bool)
    duration = np.where(liked, LONG_WALK_MINUTES, WALK_MINUTES)
    out, back = times.out, times.back
    earliest = np.maximum(cat.opens, request.day_start)
    latest = np.minimum(cat.closes, request.day_end) - duration
    start = np.maximum(request.day_start + out, earliest)
    fits = (start <= latest) & (start + duration + back <= request.day_end)  # NaN: no point
    approx = np.array([v.is_approximate for v in cat.villages], bool)
    score = np.where(approx, APPROX_WALK_SCORE, WALK_SCORE) + np.where(
        liked, WALK_INTEREST_BONUS, 0
    )
    value = score / np.maximum(duration + 2 * out, 1.0)
    skip = hosts | named | request.excluded_villages | {k[2:] for k in request.excluded}
    ranked = [k for k in np.flatnonzero(fits) if cat.villages[k].slug not in skip]
    ranked.sort(key=lambda k: (-value[k], cat.villages[k].slug))
    keep = set(ranked[: 2 * POOL_SIZE])
    return [
        v for k, v in enumerate(cat.villages) if k in keep or v.slug in named or v.slug in hosts
    ]
