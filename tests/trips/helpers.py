"""Re-checks a planned day against the database, independently of the planner."""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.experiences.models import Slot
from app.experiences.schedule import public_holidays
from app.extensions import db
from app.timeutil import HANOI
from app.trips.problem import DayRequest


def next_weekday(weekday: int, today: date) -> date:
    """The first `weekday` (Monday 0) strictly after `today` that is not a Vietnamese public
    holiday: the demo opens no slot on those (Tết takes a whole week)."""
    day = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    while day in public_holidays(day, day):
        day += timedelta(days=7)
    return day


def at(on: date, minutes: int) -> datetime:
    return datetime.combine(on, time(), HANOI) + timedelta(minutes=minutes)


def assert_feasible(plan, request: DayRequest) -> None:
    """Times in order, each slot exists at that time with room for the party, day ends in time."""
    assert plan.leave >= at(request.on, request.day_start)
    clock = plan.leave
    for stop, leg in zip(plan.stops, plan.legs, strict=False):
        assert stop.arrive >= clock + timedelta(minutes=leg.minutes) - timedelta(minutes=1)
        assert stop.arrive <= stop.start <= stop.end == stop.depart
        clock = stop.depart
        if stop.slot_id is not None:
            slot = db.session.scalar(select(Slot).where(Slot.id == stop.slot_id))
            assert slot is not None and slot.experience_id == stop.experience_id
            assert slot.starts_at == stop.start
            assert slot.remaining >= request.party
    assert plan.back >= clock
    assert plan.back <= at(request.on, request.day_end)
    villages = [stop.village for stop in plan.stops if stop.kind != "lunch"]
    assert len(villages) == len(set(villages)), "a village twice"
