"""Experiences: host editing (ownership checked here) and the reads pages and the API share."""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import selectinload

from app.bookings.places import lapsed_places_subquery
from app.errors import Forbidden, Invalid, NotFound
from app.experiences.models import Experience, Slot
from app.experiences.rules import SlotStatus, check_party_limits
from app.extensions import db
from app.slugs import free_slug
from app.timeutil import HANOI, to_local, utcnow
from app.transactions import write_transaction
from app.villages import photos
from app.villages.models import Craft, Village
from app.villages.search import query_terms, search_document
from app.villages.services import Page, check_paging

#: Experience fields a host edits through the form (and the seed sets).
EDITABLE = (
    "title_vi", "title_en", "description_vi", "description_en", "included_vi", "included_en",
    "bring_vi", "bring_en",
    "duration_minutes", "price_adult_vnd", "price_child_vnd", "min_party", "max_party",
    "languages", "meeting_point", "confirmation_mode", "cutoff_hours", "is_published",
)  # fmt: skip
MAX_RANGE_DAYS = 93


@dataclass(frozen=True)
class ExperienceFilters:
    q: str = ""
    village: str = ""
    craft: str = ""
    on: date | None = None
    language: str = ""
    min_price: int | None = None
    max_price: int | None = None


def local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC instants covering Hanoi days `first`..`last` inclusive."""
    start = datetime.combine(first, time(0), tzinfo=HANOI).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=HANOI).astimezone(UTC)
    return start, end


def list_experiences(filters: ExperienceFilters, page: int = 1, per_page: int = 12) -> Page:
    """Published experiences of published villages matching `filters`, cheapest first."""
    check_paging(page, per_page)
    query = _filtered(select(Experience), filters)
    total = db.session.scalar(_filtered(select(func.count(Experience.id)), filters)) or 0
    rows = db.session.scalars(
        query.options(selectinload(Experience.village), selectinload(Experience.craft))
        .order_by(Experience.price_adult_vnd, Experience.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


def _filtered(query: Select, filters: ExperienceFilters) -> Select:
    query = query.join(Village, Village.id == Experience.village_id).where(
        Experience.is_published.is_(True), Village.is_published.is_(True)
    )
    for term in query_terms(filters.q):
        query = query.where(Experience.search_text.contains(term, autoescape=True))
    if filters.village:
        query = query.where(Village.slug == filters.village)
    if filters.craft:
        query = query.join(Craft, Craft.id == Experience.craft_id).where(
            Craft.slug == filters.craft
        )
    if filters.language:
        query = query.where(Experience.languages.contains(filters.language, autoescape=True))
    if filters.min_price is not None:
        query = query.where(Experience.price_adult_vnd >= filters.min_price)
    if filters.max_price is not None:
        query = query.where(Experience.price_adult_vnd <= filters.max_price)
    if filters.on is not None:
        start, end = local_day_bounds(filters.on, filters.on)
        query = query.where(
            exists().where(
                Slot.experience_id == Experience.id,
                Slot.starts_at >= start,
                Slot.starts_at < end,
                Slot.status == SlotStatus.OPEN,
                Slot.booked < Slot.capacity,
            )
        )
    return query


def get_published(experience_id: int) -> Experience:
    experience = db.session.scalar(
        select(Experience)
        .join(Village, Village.id == Experience.village_id)
        .where(
            Experience.id == experience_id,
            Experience.is_published.is_(True),
            Village.is_published.is_(True),
        )
        .options(selectinload(Experience.village), selectinload(Experience.craft))
    )
    if experience is None:
        raise NotFound("unknown_experience", _("No such workshop is published."))
    return experience


def village_experiences(village_id: int) -> list[Experience]:
    return list(
        db.session.scalars(
            select(Experience)
            .where(Experience.village_id == village_id, Experience.is_published.is_(True))
            .order_by(Experience.price_adult_vnd)
        )
    )


def slots_between(
    experience_id: int, first: date, last: date, now: datetime | None = None
) -> list[Slot]:
    """Open slots of one experience on Hanoi days first..last, with availability, in ONE query
    (served by the (experience_id, starts_at) index; lapsed holds count as free)."""
    if last < first or (last - first).days > MAX_RANGE_DAYS:
        raise Invalid(
            "bad_range",
            _("Choose a range of at most %(n)d days.", n=MAX_RANGE_DAYS),
            {"to": _("at most %(n)d days after from", n=MAX_RANGE_DAYS)},
        )
    start, end = local_day_bounds(first, last)
    if now is not None:
        start = max(start, now)
    query = select(Slot).where(
        Slot.experience_id == experience_id,
        Slot.starts_at >= start,
        Slot.starts_at < end,
        Slot.status == SlotStatus.OPEN,
    )
    return _with_lapsed(query.order_by(Slot.starts_at), now)


def bookable_slots(experience: Experience, first: date, last: date, now: datetime) -> list[Slot]:
    """Open slots on Hanoi days first..last that can still be booked: the workshop's cut-off
    hides the ones starting too soon."""
    cutoff = timedelta(hours=experience.cutoff_hours)
    return slots_between(experience.id, first, last, now=now + cutoff)


def _with_lapsed(query: Select, now: datetime | None) -> list[Slot]:
    """Run a slot query with each slot's lapsed-hold places attached (one query)."""
    lapsed = lapsed_places_subquery(now or utcnow())
    rows = db.session.execute(
        query.add_columns(func.coalesce(lapsed.c.places, 0)).outerjoin(
            lapsed, lapsed.c.slot_id == Slot.id
        )
    ).all()
    for slot, places in rows:
        slot.lapsed_places = int(places)
    return [slot for slot, _places in rows]


def last_open_date(now: datetime) -> date | None:
    """The Hanoi day of the last open slot of any published workshop after `now`: hosts open
    slots some weeks ahead, so a plan for a later day can only offer village walks."""
    starts_at = db.session.scalar(
        select(func.max(Slot.starts_at))
        .join(Experience)
        .join(Village, Village.id == Experience.village_id)
        .where(
            Slot.starts_at > now,
            Slot.status == SlotStatus.OPEN,
            Experience.is_published.is_(True),
            Village.is_published.is_(True),
        )
    )
    return None if starts_at is None else to_local(starts_at).date()


def day_availability(on: date, now: datetime | None = None) -> list[Slot]:
    """Every open slot of every published experience on one Hanoi day, with its experience and
    village loaded and lapsed holds counted as free: one query for slots, one for experiences."""
    start, end = local_day_bounds(on, on)
    if now is not None:
        start = max(start, now)
    query = (
        select(Slot)
        .join(Experience)
        .join(Village, Village.id == Experience.village_id)
        .where(
            Slot.starts_at >= start,
            Slot.starts_at < end,
            Slot.status == SlotStatus.OPEN,
            Experience.is_published.is_(True),
            Village.is_published.is_(True),
        )
        .options(selectinload(Slot.experience).selectinload(Experience.village))
        .order_by(Slot.starts_at)
    )
    return _with_lapsed(query, now)


def get_experience_for_edit(experience_id: int, actor) -> Experience:
    experience = db.session.get(Experience, experience_id)
    if experience is None:
        raise NotFound("unknown_experience", _("No such workshop."))
    if not experience.can_manage(actor):
        raise Forbidden("forbidden", _("You do not host this village."))
    return experience


def managed_experiences(actor) -> list[Experience]:
    """The experiences of every village `actor` hosts (all of them for an admin)."""
    query = select(Experience).options(selectinload(Experience.village))
    if not actor.is_admin:
        query = query.where(Experience.village_id.in_(actor.village_ids or {-1}))
    return list(db.session.scalars(query.order_by(Experience.village_id, Experience.title_vi)))


def create_experience(village_slug: str, actor, data: dict, photo=None) -> Experience:
    with _saved_with_photo(photo) as store:
        village = db.session.scalar(select(Village).where(Village.slug == village_slug))
        if village is None:
            raise NotFound("unknown_village", _("No such village."))
        if not village.can_manage(actor):
            raise Forbidden("forbidden", _("You do not host this village."))
        experience = Experience(
            village=village,
            slug=free_slug(Experience, f"{village.slug} {data['title_en']}", village.slug),
            craft=village.crafts[0] if village.crafts else None,
        )
        _apply(experience, data)
        db.session.add(experience)
        store(experience)
    return experience


def update_experience(experience_id: int, actor, data: dict, photo=None) -> Experience:
    with _saved_with_photo(photo) as store:
        experience = get_experience_for_edit(experience_id, actor)
        _apply(experience, data)
        store(experience)
    return experience


@contextmanager
def _saved_with_photo(photo):
    """A write transaction that may set a newly uploaded photo (re-encoded) through the
    `store(experience)` it yields: a failure leaves neither a half-saved row nor a stray file,
    and the replaced file goes only once the change is committed."""
    files = {"new": "", "old": ""}

    def store(experience: Experience) -> None:
        if photo:
            files["new"] = photos.store_photo(photo)
            files["old"], experience.photo_path = experience.photo_path, files["new"]

    try:
        with write_transaction():
            yield store
    except BaseException:
        photos.delete_photo(files["new"])
        raise
    if files["new"] and files["old"]:
        photos.delete_photo(files["old"])


def _apply(experience: Experience, data: dict) -> None:
    check_party_limits(data["min_party"], data["max_party"])
    for name in EDITABLE:
        if name in data:
            setattr(experience, name, data[name])
    experience.search_text = search_document(
        experience.title_vi,
        experience.title_en,
        experience.description_vi,
        experience.description_en,
        experience.village.name_vi,
        experience.village.name_en,
    )


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def host_slots(actor, first: date, last: date) -> list[Slot]:
    """All slots (open and cancelled) of the host's experiences in a date range, one query."""
    start, end = local_day_bounds(first, last)
    query = (
        select(Slot)
        .join(Experience)
        .where(Slot.starts_at >= start, Slot.starts_at < end)
        .options(selectinload(Slot.experience))
        .order_by(Slot.starts_at)
    )
    if not actor.is_admin:
        query = query.where(Experience.village_id.in_(actor.village_ids or {-1}))
    return list(db.session.scalars(query))


def hosted_by(actor) -> ColumnElement[bool]:
    """The experiences `actor` manages, as a condition on Experience (all for an admin)."""
    if actor.is_admin:
        return true()
    return Experience.village_id.in_(actor.village_ids or {-1})


def before_cutoffs(starts_at, cutoff_hours, cutoffs: set[int], now: datetime) -> ColumnElement:
    """`starts_at` is still bookable at `now` under the row's own `cutoff_hours` (one branch per
    distinct cut-off, so the condition stays a plain comparison any database can index)."""
    branches = [
        and_(cutoff_hours == hours, starts_at >= now + timedelta(hours=hours))
        for hours in sorted(cutoffs)
    ]
    return or_(*branches) if branches else false()


def next_open_date(scope: ColumnElement[bool], now: datetime) -> date | None:
    """The Hanoi day of the first slot a guest could still book among the experiences matching
    `scope`: open, before its workshop's cut-off, with room (lapsed holds count as free). The
    calendars open on its month, so an empty month never reads as "sold out"."""
    cutoffs = set(db.session.scalars(select(Experience.cutoff_hours).where(scope).distinct()))
    lapsed = lapsed_places_subquery(now)
    starts_at = db.session.scalar(
        select(Slot.starts_at)
        .join(Experience)
        .outerjoin(lapsed, lapsed.c.slot_id == Slot.id)
        .where(
            scope,
            Slot.status == SlotStatus.OPEN,
            Slot.booked - func.coalesce(lapsed.c.places, 0) < Slot.capacity,
            before_cutoffs(Slot.starts_at, Experience.cutoff_hours, cutoffs, now),
        )
        .order_by(Slot.starts_at)
        .limit(1)
    )
    return None if starts_at is None else to_local(starts_at).date()
