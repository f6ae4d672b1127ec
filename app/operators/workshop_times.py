"""When a tour's workshop stops can happen: the departures' weekdays and clock times against
the times each workshop runs (its weekly rules and open slots). Used by the stops planner to
place workshops only where they can be reserved, and by the stops page to flag those that are
not."""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.errors import Invalid
from app.experiences.models import Slot, SlotRule
from app.experiences.rules import SlotStatus
from app.experiences.schedule import parse_times
from app.extensions import db
from app.i18n import tr
from app.operators.models import Departure, Tour, TourStop
from app.operators.rules import DepartureStatus, Pattern, workshop_offsets
from app.timeutil import to_local

WEEKDAYS = (_l("Monday"), _l("Tuesday"), _l("Wednesday"), _l("Thursday"), _l("Friday"),
            _l("Saturday"), _l("Sunday"))  # fmt: skip
HORIZON = timedelta(weeks=12)  # how far ahead departures and slots count
DAY = 24 * 60


def departure_patterns(tour_id: int, now: datetime) -> frozenset[Pattern]:
    """The weekdays and local clock times of the tour's coming departures."""
    starts = db.session.scalars(
        select(Departure.starts_at).where(
            Departure.tour_id == tour_id,
            Departure.status == DepartureStatus.SCHEDULED,
            Departure.starts_at > now,
            Departure.starts_at <= now + HORIZON,
        )
    )
    return frozenset(_pattern(start) for start in starts)


def _pattern(moment: datetime) -> Pattern:
    local = to_local(moment)
    return Pattern(local.weekday(), local.hour * 60 + local.minute)


def workshop_runs(experience_id: int, now: datetime) -> dict[int, frozenset[int]]:
    """Per weekday, the local minutes a workshop starts at: from its weekly rules still in
    force and from its open slots in the coming weeks (slots opened one by one count too)."""
    runs: dict[int, set[int]] = {}
    today = to_local(now).date()
    for rule in db.session.scalars(
        select(SlotRule).where(SlotRule.experience_id == experience_id, SlotRule.ends_on >= today)
    ):
        minutes = {start.hour * 60 + start.minute for start in parse_times(rule.start_times)}
        for weekday in rule.weekday_set:
            runs.setdefault(weekday, set()).update(minutes)
    for start in db.session.scalars(
        select(Slot.starts_at).where(
            Slot.experience_id == experience_id,
            Slot.status == SlotStatus.OPEN,
            Slot.starts_at > now,
            Slot.starts_at <= now + HORIZON,
        )
    ):
        pattern = _pattern(start)
        runs.setdefault(pattern.weekday, set()).add(pattern.minute)
    return {weekday: frozenset(minutes) for weekday, minutes in runs.items()}


def windows(tour: Tour, stops: list[TourStop], now: datetime) -> list[tuple[int, ...] | None]:
    """For each stop, the offsets it may start at (None: a village walk, any time). Refuses,
    naming the workshop, when one has no time that suits every departure."""
    workshops = [stop for stop in stops if stop.experience_id is not None]
    patterns = departure_patterns(tour.id, now) if workshops else frozenset()
    if workshops and not patterns:
        raise Invalid(
            "no_departures",
            _("Schedule the departures first: the planner fits each workshop to a time it "
              "runs on the departures' days."),
        )  # fmt: skip
    found: list[tuple[int, ...] | None] = []
    for stop in stops:
        if stop.experience_id is None:
            found.append(None)
            continue
        runs = workshop_runs(stop.experience_id, now)
        offsets = workshop_offsets(patterns, runs, DAY - stop.stay_minutes)
        if not offsets:
            raise Invalid("no_workshop_time", _no_time_message(stop, patterns, runs))
        found.append(offsets)
    return found


def mismatches(tour: Tour, stops: list[TourStop], now: datetime) -> dict[int, str]:
    """Workshop stops whose time is not one the workshop runs at for some departure."""
    patterns = departure_patterns(tour.id, now)
    found = {}
    for index, stop in enumerate(stops):
        if stop.experience_id is None or not patterns:
            continue
        runs = workshop_runs(stop.experience_id, now)
        if stop.offset_minutes not in workshop_offsets(patterns, runs, DAY):
            found[index] = _no_time_message(stop, patterns, runs, stop.offset_minutes)
    return found


def _no_time_message(
    stop: TourStop, patterns: frozenset[Pattern], runs: dict[int, frozenset[int]],
    offset: int | None = None,
) -> str:  # fmt: skip
    """Say which departures the workshop does not suit, and when it does run those days."""
    failing = [
        pattern
        for pattern in sorted(patterns, key=lambda p: (p.weekday, p.minute))
        if offset is None or pattern.minute + offset not in runs.get(pattern.weekday, ())
    ]
    title = tr(stop.experience, "title") if stop.experience else ""
    if offset is None:
        days = "; ".join(
            _("%(day)s %(time)s departures: it starts at %(times)s",
              day=WEEKDAYS[p.weekday], time=clock(p.minute), times=_times(runs, p))
            for p in failing
        )  # fmt: skip
        return _("%(title)s has no time that suits every departure (%(days)s).",
                 title=title, days=days)  # fmt: skip
    days = "; ".join(
        _("%(day)s %(time)s departures reach it at %(arrive)s, it starts at %(times)s",
          day=WEEKDAYS[p.weekday], time=clock(p.minute), arrive=clock(p.minute + offset),
          times=_times(runs, p))
        for p in failing
    )  # fmt: skip
    return _("%(title)s does not run at this stop's time (%(days)s): its places cannot be "
             "reserved.", title=title, days=days)  # fmt: skip


def _times(runs: dict[int, frozenset[int]], pattern: Pattern) -> str:
    return ", ".join(map(clock, sorted(runs.get(pattern.weekday, ())))) or _("no time")


def clock(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"
