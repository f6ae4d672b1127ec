"""Planning on the database: the demo data from Hoàn Kiếm Lake, pins, full slots, multi-day."""

from datetime import UTC, date, datetime, timedelta

from app.timeutil import to_local, utcnow
from app.trips import services
from app.trips.places import DEFAULT_PLACE
from app.trips.problem import DayRequest
from tests.factories import make_experience, make_slot, make_village
from tests.trips.helpers import assert_feasible, at, next_weekday

HOAN_KIEM = (DEFAULT_PLACE.lat, DEFAULT_PLACE.lon)
NOW = datetime(2030, 3, 10, 2, 0, tzinfo=UTC)  # a fixed clock for factory-made slots
SATURDAY = date(2030, 3, 16)


def demo_saturday() -> date:
    return next_weekday(5, to_local(utcnow()).date())


def test_demo_saturday_from_hoan_kiem_is_feasible(demo):
    request = DayRequest(demo_saturday(), HOAN_KIEM, adults=2, children=1, lunch=True)
    plan = services.plan_day(request, now=utcnow())
    assert sum(stop.kind == "experience" for stop in plan.stops) >= 2
    assert any(stop.kind == "lunch" for stop in plan.stops)
    assert_feasible(plan, request)
    assert plan.price_vnd > 0 and plan.km > 0


def test_demo_saturday_by_bicycle_with_ceramics_is_feasible(demo):
    request = DayRequest(
        demo_saturday(), HOAN_KIEM, mode="bicycle", adults=4, crafts=frozenset({"ceramics"})
    )
    plan = services.plan_day(request, now=utcnow())
    assert plan.stops
    assert_feasible(plan, request)


def test_pinned_workshop_appears(db):
    village = make_village(lat=20.98, lon=105.92)
    experience = make_experience(village=village)
    slot = make_slot(experience=experience, starts_at=at(SATURDAY, 14 * 60).astimezone(UTC))
    other = make_slot(starts_at=at(SATURDAY, 9 * 60).astimezone(UTC))
    db.session.commit()
    request = DayRequest(SATURDAY, HOAN_KIEM, pinned=frozenset({f"e:{experience.id}"}))
    plan = services.plan_day(request, now=NOW)
    assert slot.id in plan.slot_ids
    assert other.id in plan.slot_ids or plan.unplaced == []
    assert_feasible(plan, request)


def test_full_slot_is_never_used_and_pinned_says_why(db):
    slot = make_slot(starts_at=at(SATURDAY, 10 * 60).astimezone(UTC), capacity=6, booked=4)
    db.session.commit()
    key = f"e:{slot.experience_id}"
    request = DayRequest(SATURDAY, HOAN_KIEM, adults=3, pinned=frozenset({key}))
    plan = services.plan_day(request, now=NOW)
    assert slot.id not in plan.slot_ids
    [missing] = [u for u in plan.unplaced if u.key == key]
    assert missing.reason.code == "no_room" and missing.reason.params["party"] == 3


def test_unpublished_experience_is_unknown(db):
    slot = make_slot(starts_at=at(SATURDAY, 10 * 60).astimezone(UTC))
    slot.experience.is_published = False
    db.session.commit()
    key = f"e:{slot.experience_id}"
    plan = services.plan_day(DayRequest(SATURDAY, HOAN_KIEM, include=frozenset({key})), now=NOW)
    assert plan.slot_ids == [] and plan.unplaced[0].reason.code == "unknown"


def test_wished_workshop_without_a_session_that_day(db):
    slot = make_slot(starts_at=at(SATURDAY + timedelta(days=1), 10 * 60).astimezone(UTC))
    db.session.commit()
    key = f"e:{slot.experience_id}"
    plan = services.plan_day(DayRequest(SATURDAY, HOAN_KIEM, include=frozenset({key})), now=NOW)
    assert plan.unplaced[0].reason.code == "no_session"


def test_multi_day_trip_never_visits_a_village_twice(demo):
    request = DayRequest(demo_saturday(), HOAN_KIEM, lunch=True)
    plans = services.plan_trip(request, 3, now=utcnow())
    assert len(plans) == 3
    seen = [village for plan in plans for village in plan.villages]
    assert len(seen) == len(set(seen))
    assert [plan.on for plan in plans] == [request.on + timedelta(days=i) for i in range(3)]


def test_a_moved_village_is_planned_at_its_new_place_after_being_cached(db):
    village = make_village(lat=22.9, lon=104.2)  # too far for a day trip from Hanoi
    db.session.commit()
    request = DayRequest(SATURDAY, HOAN_KIEM)
    assert services.plan_day(request, now=NOW).stops == []
    village.lat, village.lon = 21.0, 105.9
    db.session.commit()
    plan = services.plan_day(request, now=NOW)
    assert [(stop.village, stop.point) for stop in plan.stops] == [(village.slug, (21.0, 105.9))]


def test_an_unpublished_village_leaves_the_plan_after_being_cached(db):
    village = make_village(lat=21.0, lon=105.9)
    db.session.commit()
    request = DayRequest(SATURDAY, HOAN_KIEM)
    assert [stop.village for stop in services.plan_day(request, now=NOW).stops] == [village.slug]
    village.is_published = False
    db.session.commit()
    assert services.plan_day(request, now=NOW).stops == []
