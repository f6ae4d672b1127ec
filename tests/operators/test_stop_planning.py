"""The stops planner through the operator's pages: workshops land on times they run, the tour
is never stretched, and the workshop places can then be reserved for a departure."""

from datetime import timedelta

from sqlalchemy import select

from app.bookings.models import Booking
from app.experiences.models import SlotRule
from app.extensions import db as _db
from app.operators.models import Departure, Tour, TourStop
from tests.operators.conftest import SATURDAY_8


def add_stops(client, trail, *places, stay=60):
    for place in places:
        stay_minutes = 120 if place.startswith("e:") else stay
        response = client.post(
            f"/operator/tours/{trail.tour.id}/stops",
            data={"place": place, "offset_minutes": 0, "stay_minutes": stay_minutes},
        )
        assert response.status_code == 302, response.get_data(as_text=True)


def plan(client, trail, how="propose-order"):
    return client.post(f"/operator/tours/{trail.tour.id}/{how}", follow_redirects=True).get_data(
        as_text=True
    )


def offsets(db, trail) -> list[tuple[int | None, int]]:
    db.session.expire_all()
    stops = db.session.scalars(
        select(TourStop).where(TourStop.tour_id == trail.tour.id).order_by(TourStop.position)
    )
    return [(stop.experience_id, stop.offset_minutes) for stop in stops]


def test_planned_workshop_stops_can_be_reserved_for_a_departure(client, db, login_as, trail):
    login_as(trail.user)
    add_stops(client, trail, f"v:{trail.riverside.slug}", f"e:{trail.pottery.id}")
    page = plan(client, trail)
    assert "ordered the stops" in page
    assert offsets(db, trail)[0] == (trail.pottery.id, 60)  # 09:00, when the workshop starts
    reserved = client.post(
        f"/operator/departures/{trail.departure.id}/reserve",
        data={"places": 12},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Workshop places requested" in reserved
    booking = db.session.scalar(select(Booking).where(Booking.for_departure_id.is_not(None)))
    assert booking.items[0].slot.starts_at == SATURDAY_8 + timedelta(hours=1)


def test_planner_refuses_stops_that_do_not_fit_and_changes_nothing(client, db, login_as, trail):
    login_as(trail.user)
    _db.session.get(Tour, trail.tour.id).duration_minutes = 240
    db.session.commit()
    add_stops(client, trail, f"v:{trail.riverside.slug}", f"e:{trail.pottery.id}")
    before = offsets(db, trail)
    page = plan(client, trail)
    assert "but the tour lasts 4 h 00" in page and "Nothing was changed" in page
    assert offsets(db, trail) == before
    assert _db.session.get(Tour, trail.tour.id).duration_minutes == 240


def test_keeping_the_order_puts_the_workshop_on_its_next_time(client, db, login_as, trail):
    login_as(trail.user)
    _db.session.get(Tour, trail.tour.id).duration_minutes = 600
    _db.session.get(Departure, trail.departure.id).ends_at = SATURDAY_8 + timedelta(hours=10)
    db.session.commit()
    add_stops(client, trail, f"v:{trail.riverside.slug}", f"e:{trail.pottery.id}")
    page = plan(client, trail, "set-times")
    assert "set the times for this order" in page
    walk, workshop = offsets(db, trail)
    assert walk[0] is None and 0 < walk[1] < 60
    assert workshop == (trail.pottery.id, 360)  # 14:00: 09:00 is gone by the end of the walk


def test_planner_needs_a_departure_to_place_a_workshop(client, db, login_as, trail):
    login_as(trail.user)
    add_stops(client, trail, f"e:{trail.pottery.id}")
    _db.session.delete(_db.session.get(Departure, trail.departure.id))
    db.session.commit()
    assert "Schedule the departures first" in plan(client, trail)


def test_planner_names_a_workshop_with_no_time_for_every_departure(client, db, login_as, trail):
    login_as(trail.user)
    sunday = Departure(
        tour_id=trail.tour.id,
        starts_at=SATURDAY_8 + timedelta(days=1),
        ends_at=SATURDAY_8 + timedelta(days=1, hours=6),
        capacity=12,
    )
    _db.session.add(sunday)
    sunday_rule = SlotRule(
        experience_id=trail.pottery.id,
        weekdays="6",
        start_times="15:00",
        starts_on=SATURDAY_8.date(),
        ends_on=SATURDAY_8.date() + timedelta(days=300),
        capacity=10,
    )
    _db.session.add(sunday_rule)
    db.session.commit()
    add_stops(client, trail, f"e:{trail.pottery.id}")
    page = plan(client, trail)
    assert "Throw a pot has no time that suits every departure" in page
    assert "Sunday 08:00 departures: it starts at 15:00" in page


def test_stops_page_shows_clock_times_for_the_next_departure(client, db, login_as, trail):
    login_as(trail.user)
    add_stops(client, trail, f"e:{trail.pottery.id}")
    plan(client, trail)
    page = client.get(f"/operator/tours/{trail.tour.id}/stops").get_data(as_text=True)
    assert "09:00–11:00" in page and "+60 min" not in page
    assert "Saturday 06/03/2027 08:00" in page


def test_stops_page_flags_a_workshop_at_a_time_it_does_not_run(client, db, login_as, trail):
    login_as(trail.user)
    client.post(
        f"/operator/tours/{trail.tour.id}/stops",
        data={"place": f"e:{trail.pottery.id}", "offset_minutes": 54, "stay_minutes": 120},
    )
    page = client.get(f"/operator/tours/{trail.tour.id}/stops").get_data(as_text=True)
    assert "does not run at this stop&#39;s time" in page
    assert "reach it at 08:54, it starts at 09:00, 14:00" in page
    departure = client.get(f"/operator/departures/{trail.departure.id}").get_data(as_text=True)
    assert 'data-state="no_slot"' in departure
