"""Slot services with a fixed clock: rules, edits that keep bookings, capacity, closing."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import Conflict, Forbidden, Invalid
from app.experiences import slots
from app.experiences.models import Slot
from tests.factories import make_experience, make_slot, make_user, make_village

NOW = datetime(2027, 1, 20, 0, 0, tzinfo=UTC)
RULE = {
    "weekdays": [0, 4],
    "start_times": "09:00",
    "starts_on": date(2027, 1, 25),
    "ends_on": date(2027, 2, 28),
    "capacity": 8,
}


@pytest.fixture()
def host_and_experience(db):
    village = make_village()
    host = make_user(villages=[village])
    experience = make_experience(village=village)
    db.session.commit()
    return host, experience


def slot_days(experience) -> list[date]:
    rows = (
        select(Slot.starts_at).where(Slot.experience_id == experience.id).order_by(Slot.starts_at)
    )
    return [(start + timedelta(hours=7)).date() for start in slots.db.session.scalars(rows)]


def test_rule_opens_slots_across_the_month_boundary_and_skips_tet(db, host_and_experience):
    host, experience = host_and_experience
    report = slots.save_rule(experience.id, host, RULE, NOW, weeks_ahead=8)
    days = slot_days(experience)
    assert days[:3] == [date(2027, 1, 25), date(2027, 1, 29), date(2027, 2, 1)]
    assert date(2027, 2, 5) not in days and date(2027, 2, 8) not in days  # Tết 2027
    assert date(2027, 2, 12) in days and days[-1] == date(2027, 2, 26)
    assert report.created == len(days) == 8


def test_editing_a_rule_keeps_slots_that_hold_bookings(db, host_and_experience):
    host, experience = host_and_experience
    report = slots.save_rule(experience.id, host, RULE, NOW)
    booked = db.session.scalar(
        select(Slot).where(Slot.experience_id == experience.id).order_by(Slot.starts_at)
    )
    booked.booked = 3
    db.session.commit()
    changed = slots.save_rule(
        experience.id, host, {**RULE, "weekdays": [1]}, NOW, rule_id=report.rule_id
    )
    assert changed.kept_with_bookings == 1
    assert db.session.get(Slot, booked.id).booked == 3
    weekdays = {day.weekday() for day in slot_days(experience)} - {booked.starts_at.weekday()}
    assert weekdays == {1}


def test_deleting_a_rule_keeps_booked_slots_detached(db, host_and_experience):
    host, experience = host_and_experience
    report = slots.save_rule(experience.id, host, RULE, NOW)
    keep = db.session.scalar(select(Slot).where(Slot.experience_id == experience.id))
    keep.booked = 2
    db.session.commit()
    result = slots.delete_rule(report.rule_id, host, NOW)
    assert result.kept_with_bookings == 1
    remaining = db.session.scalars(select(Slot).where(Slot.experience_id == experience.id)).all()
    assert [slot.id for slot in remaining] == [keep.id] and remaining[0].rule_id is None


def test_rule_capacity_cannot_drop_below_a_booked_slot(db, host_and_experience):
    host, experience = host_and_experience
    report = slots.save_rule(experience.id, host, RULE, NOW)
    db.session.scalar(select(Slot).where(Slot.experience_id == experience.id)).booked = 6
    db.session.commit()
    with pytest.raises(Conflict):
        slots.save_rule(experience.id, host, {**RULE, "capacity": 5}, NOW, rule_id=report.rule_id)


def test_capacity_below_booked_is_refused_and_nothing_changes(db, host_and_experience):
    host, experience = host_and_experience
    slot = make_slot(experience=experience, capacity=10, booked=4)
    db.session.commit()
    with pytest.raises(Conflict) as caught:
        slots.set_capacity(slot.id, host, 3)
    assert "capacity" in caught.value.fields
    db.session.expire_all()
    assert db.session.get(Slot, slot.id).capacity == 10
    assert slots.set_capacity(slot.id, host, 4).capacity == 4


def test_a_past_slot_is_refused(db, host_and_experience):
    host, experience = host_and_experience
    with pytest.raises(Invalid) as caught:
        slots.add_slot(experience.id, host, NOW - timedelta(hours=1), 5, NOW)
    assert caught.value.code == "past_date"
    with pytest.raises(Invalid):
        slots.save_rule(
            experience.id,
            host,
            {**RULE, "starts_on": date(2026, 1, 1), "ends_on": date(2026, 12, 31)},
            NOW,
        )


def test_only_the_villages_host_may_touch_its_slots(db, host_and_experience):
    _, experience = host_and_experience
    stranger = make_user(villages=[make_village()])
    slot = make_slot(experience=experience)
    db.session.commit()
    attempts = [
        lambda: slots.add_slot(experience.id, stranger, NOW + timedelta(days=9), 5, NOW),
        lambda: slots.save_rule(experience.id, stranger, RULE, NOW),
        lambda: slots.set_capacity(slot.id, stranger, 1),
        lambda: slots.close_slot(slot.id, stranger),
        lambda: slots.add_closed_day(experience.village.slug, stranger, date(2027, 2, 1), "", NOW),
    ]
    for attempt in attempts:
        with pytest.raises(Forbidden):
            attempt()
    assert db.session.get(Slot, slot.id).status == "open"


def test_closing_a_booked_slot_needs_an_explicit_cancel_with_a_reason(db, host_and_experience):
    host, experience = host_and_experience
    slot = make_slot(experience=experience, booked=2)
    db.session.commit()
    with pytest.raises(Conflict):
        slots.close_slot(slot.id, host)
    with pytest.raises(Conflict):
        slots.close_slot(slot.id, host, reason="  ", cancel_bookings=True)
    closed = slots.close_slot(slot.id, host, reason="Kiln repair", cancel_bookings=True)
    assert (closed.status, closed.cancel_reason) == ("cancelled", "Kiln repair")


def test_a_village_closed_day_removes_free_slots_and_reports_booked_ones(db, host_and_experience):
    host, experience = host_and_experience
    slots.save_rule(experience.id, host, RULE, NOW)
    feb_1 = datetime(2027, 2, 1, 2, tzinfo=UTC)
    db.session.scalar(select(Slot).where(Slot.starts_at == feb_1)).booked = 1
    db.session.commit()
    left = slots.add_closed_day(experience.village.slug, host, date(2027, 1, 29), "Festival", NOW)
    assert left == 0 and date(2027, 1, 29) not in slot_days(experience)
    assert slots.add_closed_day(experience.village.slug, host, date(2027, 2, 1), "", NOW) == 1
    report = slots.generate_all(NOW)
    assert report[1] == 0  # closed days are not reopened by the generator


def test_generate_is_idempotent(db, host_and_experience):
    host, experience = host_and_experience
    slots.save_rule(experience.id, host, RULE, NOW)
    count = db.session.scalar(select(func.count(Slot.id)))
    assert slots.generate_all(NOW) == (1, 0)
    assert db.session.scalar(select(func.count(Slot.id))) == count
