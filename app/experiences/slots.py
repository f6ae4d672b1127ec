"""Opening and changing slots: one-off slots, weekly rules, capacity, closing, closed days.

Every public function that writes is one `with write_transaction():` block and checks that
`actor` hosts the village. None of them ever drops a slot that holds bookings: such slots stay,
and the caller is told how many.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, exists, select, update

from app.bookings import hosting, places
from app.bookings.models import BookingItem
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.experiences.models import ClosedDay, Experience, Slot, SlotRule
from app.experiences.rules import MAX_WEEKS_AHEAD, SlotStatus, check_capacity, check_future
from app.experiences.schedule import (
    WeeklyRule,
    parse_times,
    public_holidays,
    reconcile,
    slot_starts,
    weekly_rule,
)
from app.experiences.services import get_experience_for_edit, local_day_bounds
from app.extensions import db
from app.timeutil import HANOI, to_local, utcnow
from app.transactions import write_transaction
from app.villages.models import Village


@dataclass(frozen=True)
class RuleReport:
    rule_id: int
    created: int
    deleted: int
    kept_with_bookings: int


def add_slot(experience_id: int, actor, starts_at: datetime, capacity: int, now: datetime) -> Slot:
    """A one-off slot at an aware instant in the future."""
    with write_transaction():
        experience = get_experience_for_edit(experience_id, actor)
        check_future(starts_at, now)
        check_capacity(capacity)
        if (
            db.session.scalar(
                select(Slot.id).where(
                    Slot.experience_id == experience.id, Slot.starts_at == starts_at
                )
            )
            is not None
        ):
            raise Conflict(
                "slot_exists",
                _("There is already a slot at that time."),
                {"starts_at": _("already taken")},
            )
        slot = Slot(
            experience=experience,
            starts_at=starts_at,
            capacity=capacity,
            ends_at=starts_at + timedelta(minutes=experience.duration_minutes),
        )
        db.session.add(slot)
    return slot


def save_rule(
    experience_id: int,
    actor,
    values: dict,
    now: datetime,
    *,
    rule_id: int | None = None,
    weeks_ahead: int = 8,
) -> RuleReport:
    """Create or change a weekly rule and (re)open its slots up to `weeks_ahead` weeks."""
    with write_transaction():
        experience = get_experience_for_edit(experience_id, actor)
        rule = _rule_of(experience, rule_id) if rule_id else SlotRule(experience=experience)
        weekly = weekly_rule(values)
        _check_rule(rule, weekly, now)
        rule.weekdays = ",".join(str(day) for day in sorted(weekly.weekdays))
        rule.start_times = ",".join(start.strftime("%H:%M") for start in weekly.start_times)
        rule.starts_on, rule.ends_on = weekly.starts_on, weekly.ends_on
        rule.capacity = weekly.capacity
        db.session.add(rule)
        db.session.flush()
        report = _sync_rule(rule, weekly, now, weeks_ahead)
    return report


def _check_rule(rule: SlotRule, weekly: WeeklyRule, now: datetime) -> None:
    """A rule's capacity is valid and, for a changed rule, not below any future booked slot."""
    check_capacity(weekly.capacity)
    if weekly.ends_on < to_local(now).date():
        raise Invalid("past_date", _("The rule ends in the past."), {"ends_on": _("in the past")})
    if rule.id is not None:
        most = (
            db.session.scalar(
                select(db.func.max(Slot.booked)).where(
                    Slot.rule_id == rule.id, Slot.starts_at > now
                )
            )
            or 0
        )
        check_capacity(weekly.capacity, most)


def delete_rule(rule_id: int, actor, now: datetime) -> RuleReport:
    """Remove a rule and its future slots without bookings; booked slots stay, detached."""
    with write_transaction():
        rule = db.session.get(SlotRule, rule_id)
        if rule is None:
            raise NotFound("unknown_rule", _("No such rule."))
        get_experience_for_edit(rule.experience_id, actor)
        future = _future_slots(rule, now)
        kept = [slot.id for slot in future if slot.booked > 0]
        deleted = [slot.id for slot in future if slot.booked == 0]
        if deleted:
            _retire(Slot.id.in_(deleted))
        db.session.execute(update(Slot).where(Slot.rule_id == rule.id).values(rule_id=None))
        db.session.delete(rule)
    return RuleReport(rule_id, 0, len(deleted), len(kept))


def set_capacity(slot_id: int, actor, capacity: int) -> Slot:
    """Change a slot's capacity, never below what is booked (read with the slot's row locked,
    so no booking lands between the check and the change)."""
    with write_transaction():
        slot_for_edit(slot_id, actor)
        slot = places.lock_slot(slot_id)
        check_capacity(capacity, slot.booked)
        slot.capacity = capacity
    return slot


def close_slot(
    slot_id: int,
    actor,
    reason: str = "",
    cancel_bookings: bool = False,
    now: datetime | None = None,
) -> Slot:
    """Close a slot. With bookings, only an explicit cancel with a reason does it, and every
    guest on it is told why, in the same transaction.

    The slot's row is locked first: a booking that got there before has committed and is
    cancelled here; one that comes after waits, then its guarded take finds the slot closed.
    So no item stays live on a closed slot."""
    reason = reason.strip()
    with write_transaction():
        slot_for_edit(slot_id, actor)
        slot = places.lock_slot(slot_id)
        if slot.booked > 0 and not (cancel_bookings and reason):
            raise Conflict(
                "slot_has_bookings",
                _(
                    "%(n)d places are booked on this slot: cancel it with a reason for the guests.",
                    n=slot.booked,
                ),
                {"reason": _("required to cancel")},
            )
        slot.status, slot.cancel_reason = SlotStatus.CANCELLED, reason
        hosting.cancel_slot_bookings(slot.id, actor, reason, now or utcnow())
    return slot


def add_closed_day(village_slug: str, actor, day: date, reason: str, now: datetime) -> int:
    """Close a village for a day; its unbooked slots that day go, booked ones stay. Returns the
    number of booked slots left for the host to cancel explicitly."""
    with write_transaction():
        village = db.session.scalar(select(Village).where(Village.slug == village_slug))
        if village is None or not village.can_manage(actor):
            raise Forbidden("forbidden", _("You do not host this village."))
        if day < to_local(now).date():
            raise Invalid(
                "past_date", _("That day is in the past."), {"closed_on": _("in the past")}
            )
        if (
            db.session.scalar(
                select(ClosedDay.id).where(
                    ClosedDay.village_id == village.id, ClosedDay.closed_on == day
                )
            )
            is None
        ):
            db.session.add(ClosedDay(village_id=village.id, closed_on=day, reason=reason.strip()))
        start, end = local_day_bounds(day, day)
        in_village = select(Experience.id).where(Experience.village_id == village.id)
        that_day = (
            Slot.experience_id.in_(in_village),
            Slot.starts_at >= start,
            Slot.starts_at < end,
        )
        _retire(*that_day)
        left = db.session.scalar(select(db.func.count(Slot.id)).where(*that_day)) or 0
    return left


def generate_all(now: datetime, weeks_ahead: int = 8) -> tuple[int, int]:
    """Open every rule's missing slots up to `weeks_ahead` weeks (the `slots generate` CLI)."""
    created = count = 0
    with write_transaction():
        rules = db.session.scalars(
            select(SlotRule).where(SlotRule.ends_on >= to_local(now).date())
        ).all()
        for rule in rules:
            weekly = WeeklyRule(
                rule.weekday_set,
                parse_times(rule.start_times),
                rule.starts_on,
                rule.ends_on,
                rule.capacity,
            )
            created += _sync_rule(rule, weekly, now, weeks_ahead, add_only=True).created
            count += 1
    return count, created


def closed_days(village_id: int, first: date, last: date) -> set[date]:
    """Public holidays plus the village's own closed days."""
    own = db.session.scalars(
        select(ClosedDay.closed_on).where(
            ClosedDay.village_id == village_id, ClosedDay.closed_on.between(first, last)
        )
    )
    return set(public_holidays(first, last)) | set(own)


def _sync_rule(
    rule: SlotRule, weekly: WeeklyRule, now: datetime, weeks_ahead: int, add_only: bool = False
) -> RuleReport:
    if not 1 <= weeks_ahead <= MAX_WEEKS_AHEAD:
        raise Invalid(
            "bad_weeks",
            _("Generate between 1 and %(n)d weeks ahead.", n=MAX_WEEKS_AHEAD),
            {"weeks": _("out of range")},
        )
    first = to_local(now, HANOI).date()
    last = first + timedelta(weeks=weeks_ahead)
    wanted = [
        start
        for start in slot_starts(
            weekly, closed_days(rule.experience.village_id, first, last), first, last
        )
        if start > now
    ]
    existing = {slot.starts_at: (slot.id, slot.booked) for slot in _future_slots(rule, now)}
    others = set(
        db.session.scalars(
            select(Slot.starts_at).where(
                Slot.experience_id == rule.experience_id,
                Slot.starts_at > now,
                Slot.rule_id.is_distinct_from(rule.id),
            )
        )
    )
    change = reconcile(existing, [start for start in wanted if start not in others])
    duration = timedelta(minutes=rule.experience.duration_minutes)
    for start in change.create:
        db.session.add(
            Slot(
                experience_id=rule.experience_id,
                rule=rule,
                starts_at=start,
                ends_at=start + duration,
                capacity=rule.capacity,
            )
        )
    if change.delete and not add_only:
        _retire(Slot.id.in_(change.delete))
    if not add_only:
        db.session.execute(
            update(Slot)
            .where(Slot.rule_id == rule.id, Slot.starts_at > now, Slot.booked <= rule.capacity)
            .values(capacity=rule.capacity)
        )
    deleted = 0 if add_only else len(change.delete)
    return RuleReport(rule.id, len(change.create), deleted, len(change.kept))


def _future_slots(rule: SlotRule, now: datetime) -> list[Slot]:
    return list(
        db.session.scalars(select(Slot).where(Slot.rule_id == rule.id, Slot.starts_at > now))
    )


def _rule_of(experience: Experience, rule_id: int) -> SlotRule:
    rule = db.session.get(SlotRule, rule_id)
    if rule is None or rule.experience_id != experience.id:
        raise NotFound("unknown_rule", _("No such rule for this workshop."))
    return rule


def slot_for_edit(slot_id: int, actor) -> Slot:
    slot = db.session.get(Slot, slot_id)
    if slot is None:
        raise NotFound("unknown_slot", _("No such slot."))
    get_experience_for_edit(slot.experience_id, actor)
    return slot


def _retire(*conditions) -> None:
    """Remove slots matching `conditions` that hold no places. A slot some booking ever used
    (cancelled, declined…) is closed instead of deleted, so that booking keeps its history."""
    used = exists().where(BookingItem.slot_id == Slot.id)
    free = (*conditions, Slot.booked == 0)
    db.session.execute(
        delete(Slot).where(*free, ~used).execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(Slot)
        .where(*free, used)
        .values(status=SlotStatus.CANCELLED)
        .execution_options(synchronize_session=False)
    )
