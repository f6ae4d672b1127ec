"""From a visitor's day request and that day's availability to the planner's candidates (plain).

Candidates ("options"), keyed `e:<experience id>`, `v:<village slug>` or `lunch`:

- a workshop: a published experience whose slots that day have room for the whole party and are
  still open for booking; each such slot is one window (t, t) of the candidate;
- a village walk: a published village with a map point, 45 minutes (60 when its craft is one
  of the visitor's interests or the visitor named it) inside its opening hours (08:00-17:00
  when the village gives none we can read);
- lunch, when asked for: 60 minutes starting between 11:00 and 12:30 (so it ends by 13:30).

No village twice: a village that has a workshop candidate gets no walk candidate (the workshop
is the visit), unless the visitor named the village itself, in which case the walk is its
candidate and its workshops are left out unless also named. Two workshops of one village are
both offered; `planning.solve_day` bans the lower-scored one and re-plans if both are chosen.

Scores (the planner maximises their sum): workshop 10, walk 4 (2 when the point is only
approximate); +10 (walk +6) when the craft is one of the visitor's interests; +25 when the
visitor named the item; pinned items are also `required`. A stop pinned from a plan keeps
where it stood (`DayRequest.fixed`): a workshop its slot, a walk its start time, on its day of
the trip (the other days do not offer it), so the other stops move around it. Lunch scores 40,
above any single stop, so a requested lunch is dropped only when nothing else can make it fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.planner import Candidate
from app.trips.travel import Point

LUNCH = "lunch"
LUNCH_OPEN, LUNCH_LATEST_END, LUNCH_MINUTES = 11 * 60, 13 * 60 + 30, 60
DEFAULT_HOURS = (8 * 60, 17 * 60)
WALK_MINUTES, LONG_WALK_MINUTES = 45, 60
POOL_SIZE = 14  # optional candidates kept beside the visitor's wishes (keeps solving fast)
WORKSHOP_SCORE, WALK_SCORE, APPROX_WALK_SCORE, LUNCH_SCORE = 10.0, 4.0, 2.0, 40.0
INTEREST_BONUS, WALK_INTEREST_BONUS, NAMED_BONUS = 10.0, 6.0, 25.0

Minutes = Callable[[Point, Point], float]


@dataclass(frozen=True)
class DayRequest:
    """What the visitor asks for one day; keys name experiences (`e:12`) or villages (`v:slug`)."""

    on: date
    start: Point
    end: Point | None = None
    day_start: int = 8 * 60
    day_end: int = 18 * 60
    mode: str = "car"
    adults: int = 2
    children: int = 0
    crafts: frozenset[str] = frozenset()
    include: frozenset[str] = frozenset()
    pinned: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    excluded_villages: frozenset[str] = frozenset()
    lunch: bool = False
    max_stops: int | None = None
    fixed: frozenset[tuple[str, date, int]] = frozenset()  # pinned stops kept: (key, day, minute)

    @property
    def party(self) -> int:
        return self.adults + self.children

    def fixed_at(self, key: str) -> int | None:
        """The minute a pinned stop keeps on this day, if it was pinned where it stood."""
        if key not in self.pinned:
            return None
        return next((minute for k, on, minute in self.fixed if k == key and on == self.on), None)

    @property
    def elsewhere(self) -> frozenset[str]:
        """Pinned stops kept on another day of the trip: not offered on this one."""
        here = {key for key, on, _minute in self.fixed if on == self.on}
        return frozenset(key for key, on, _m in self.fixed if on != self.on) - here

    @property
    def end_point(self) -> Point:
        return self.end or self.start

    @property
    def wishes(self) -> frozenset[str]:
        return (self.include | self.pinned) - self.excluded - self.elsewhere


@dataclass(frozen=True)
class SlotOption:
    slot_id: int
    start: int  # minutes after local midnight
    remaining: int
    is_bookable: bool  # false once the experience's booking cut-off has passed


@dataclass(frozen=True)
class Workshop:
    experience_id: int
    village: str
    point: Point | None
    duration: int
    craft: str
    price_adult_vnd: int
    price_child_vnd: int
    min_party: int
    max_party: int
    slots: tuple[SlotOption, ...] = ()
    is_approximate: bool = False  # the village's point is only its commune's

    @property
    def key(self) -> str:
        return f"e:{self.experience_id}"


@dataclass(frozen=True)
class VillageInfo:
    slug: str
    point: Point | None
    crafts: frozenset[str]
    opening_hours: str = ""
    is_approximate: bool = False

    @property
    def key(self) -> str:
        return f"v:{self.slug}"


@dataclass(frozen=True)
class Reason:
    """Why a wish is not in the plan: a code and its parameters (the service words it)."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Option:
    """A candidate plus what turning the plan back into stops needs."""

    key: str
    kind: str  # "experience", "village" or "lunch"
    candidate: Candidate
    village: str | None = None
    point: Point | None = None
    craft: str = ""
    workshop: Workshop | None = None
    slots: tuple[SlotOption, ...] = ()  # one per candidate window
    is_approximate: bool = False  # the point is a commune's, not the village's


@dataclass
class Pool:
    options: list[Option]
    unplaced: dict[str, Reason]


def opening_window(text: str) -> tuple[int, int]:
    """The first `8:00-17:00`-like range in free text, else 08:00-17:00."""
    match = re.search(r"(\d{1,2})[:h.](\d{2})\s*[-–—]\s*(\d{1,2})[:h.](\d{2})", text or "")
    if not match:
        return DEFAULT_HOURS
    h1, m1, h2, m2 = (int(x) for x in match.groups())
    opens, closes = h1 * 60 + m1, h2 * 60 + m2
    return (opens, closes) if opens < closes <= 24 * 60 else DEFAULT_HOURS


def build_pool(
    request: DayRequest, workshops: list[Workshop], villages: list[VillageInfo], minutes: Minutes
) -> Pool:
    """The candidates worth planning with, and a reason for every wish left out."""
    pool = Pool([], {})
    known = {w.key for w in workshops} | {v.key for v in villages}
    for key in request.wishes - known:
        pool.unplaced[key] = Reason("unknown")
    taken = _add_workshops(pool, request, workshops, minutes)
    _add_walks(pool, request, villages, taken, minutes)
    if request.lunch:
        _add_lunch(pool, request)
    pool.options = _prune(pool.options, request, minutes)
    return pool


def _add_workshops(
    pool: Pool, request: DayRequest, workshops: list[Workshop], minutes: Minutes
) -> set[str]:
    """Workshop options; returns the villages that have one."""
    villages = set()
    for workshop in workshops:
        key, wished = workshop.key, workshop.key in request.wishes
        if _left_out(pool, key, workshop.village, request) or (
            f"v:{workshop.village}" in request.wishes and not wished
        ):
            continue
        slots, reason = _usable_slots(workshop, request, minutes)
        if reason is None:
            kept = request.fixed_at(key)
            slots = [slot for slot in slots if slot.start == kept] or slots
            pool.options.append(_workshop_option(workshop, slots, request))
            villages.add(workshop.village)
        elif wished:
            pool.unplaced[key] = reason
    return villages


def _left_out(pool: Pool, key: str, village: str, request: DayRequest) -> bool:
    """Dropped by the visitor, or in a village an earlier day of the trip visits."""
    if village in request.excluded_villages:
        if key in request.wishes:
            pool.unplaced[key] = Reason("earlier_day")
        return True
    return key in request.excluded or key in request.elsewhere


def _usable_slots(
    workshop: Workshop, request: DayRequest, minutes: Minutes
) -> tuple[list[SlotOption], Reason | None]:
    party, on = request.party, request.on.isoformat()
    if workshop.point is None:
        return [], Reason("no_location")
    if not workshop.min_party <= party <= workshop.max_party:
        limits = {"min": workshop.min_party, "max": workshop.max_party, "party": party}
        return [], Reason("party_size", limits)
    if not workshop.slots:
        return [], Reason("no_session", {"on": on})
    open_slots = [slot for slot in workshop.slots if slot.is_bookable]
    if not open_slots:
        return [], Reason("booking_closed", {"on": on})
    roomy = [slot for slot in open_slots if slot.remaining >= party]
    if not roomy:
        return [], Reason("no_room", {"party": party, "on": on})
    point, duration = workshop.point, workshop.duration
    fits = [s for s in roomy if _fits_alone(point, s.start, s.start, duration, request, minutes)]
    if fits:
        return fits, None
    return [], _reach(point, [slot.start for slot in roomy], duration, request, minutes)


def _fits_alone(
    point: Point, earliest: int, latest: int, duration: int, request: DayRequest, minutes: Minutes
) -> bool:
    arrive = request.day_start + minutes(request.start, point)
    start = max(arrive, earliest)
    back = minutes(point, request.end_point)
    return start <= latest and start + duration + back <= request.day_end


def _reach(
    point: Point, starts: list[int], duration: int, request: DayRequest, minutes: Minutes
) -> Reason:
    """Why none of `starts` fits on its own: too early to get there, or too late to get back."""
    arrive = request.day_start + minutes(request.start, point)
    if all(start < arrive for start in starts):
        return Reason("too_early", {"day_start": request.day_start})
    return Reason("too_far", {"day_end": request.day_end})


def _score(base: float, bonus: float, craft_match: bool, named: bool) -> float:
    return base + (bonus if craft_match else 0.0) + (NAMED_BONUS if named else 0.0)


def _workshop_option(workshop: Workshop, slots: list[SlotOption], request: DayRequest) -> Option:
    key = workshop.key
    score = _score(
        WORKSHOP_SCORE, INTEREST_BONUS, workshop.craft in request.crafts, key in request.wishes
    )
    candidate = Candidate(
        key,
        score,
        workshop.duration,
        tuple((slot.start, slot.start) for slot in slots),
        required=key in request.pinned and key not in request.excluded,
    )
    return Option(
        key, "experience", candidate, workshop.village, workshop.point, workshop.craft,
        workshop, tuple(slots), workshop.is_approximate,
    )  # fmt: skip


def _add_walks(
    pool: Pool, request: DayRequest, villages: list[VillageInfo], taken: set[str], minutes: Minutes
) -> None:
    for village in villages:
        key, named = village.key, village.key in request.wishes
        if _left_out(pool, key, village.slug, request) or (village.slug in taken and not named):
            continue
        if village.point is None:
            if named:
                pool.unplaced[key] = Reason("no_location")
            continue
        option, reason = _walk_option(village, request, minutes)
        if option is not None:
            pool.options.append(option)
        elif named:
            pool.unplaced[key] = reason


def _walk_option(
    village: VillageInfo, request: DayRequest, minutes: Minutes
) -> tuple[Option | None, Reason | None]:
    key, named = village.key, village.key in request.wishes
    liked = bool(village.crafts & request.crafts)
    duration = LONG_WALK_MINUTES if liked or named else WALK_MINUTES
    opens, closes = opening_window(village.opening_hours)
    earliest, latest = max(opens, request.day_start), min(closes, request.day_end) - duration
    if latest < earliest or not _fits_alone(
        village.point, earliest, latest, duration, request, minutes
    ):
        return None, _reach(village.point, [latest], duration, request, minutes)
    kept = request.fixed_at(key)
    if kept is not None and earliest <= kept <= latest:
        # pinned where it stood: the other stops move around it. The kept minute is the shown
        # one, rounded: the walk may start up to half a minute either side (and show the same)
        earliest, latest = max(earliest, kept - 0.5), min(latest, kept + 0.49)
    base = APPROX_WALK_SCORE if village.is_approximate else WALK_SCORE
    score = _score(base, WALK_INTEREST_BONUS, liked, named)
    candidate = Candidate(
        key, score, duration, ((earliest, latest),), required=key in request.pinned
    )
    craft = sorted(village.crafts & request.crafts or village.crafts or {""})[0]
    option = Option(
        key, "village", candidate, village.slug, village.point, craft,
        is_approximate=village.is_approximate,
    )  # fmt: skip
    return option, None


def _add_lunch(pool: Pool, request: DayRequest) -> None:
    earliest = max(LUNCH_OPEN, request.day_start)
    latest = min(LUNCH_LATEST_END, request.day_end) - LUNCH_MINUTES
    if latest < earliest:
        pool.unplaced[LUNCH] = Reason("lunch_outside_day")
        return
    candidate = Candidate(LUNCH, LUNCH_SCORE, LUNCH_MINUTES, ((earliest, latest),))
    pool.options.append(Option(LUNCH, "lunch", candidate))


def _prune(options: list[Option], request: DayRequest, minutes: Minutes) -> list[Option]:
    """Keep every wish and lunch, plus the POOL_SIZE best other options by score per minute."""
    kept = [o for o in options if o.key in request.wishes or o.kind == "lunch"]
    others = [o for o in options if o not in kept]

    def value(option: Option) -> float:
        cost = option.candidate.duration + 2 * minutes(request.start, option.point)
        return option.candidate.score / max(cost, 1.0)

    others.sort(key=lambda o: (-value(o), o.key))
    return kept + others[:POOL_SIZE]
