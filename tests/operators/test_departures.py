"""Departures with a fixed clock: clashes, moves that notify, reservations, manifests, reports."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.bookings import services as bookings
from app.errors import Conflict, Forbidden
from app.operators import departures, reservations, services, stop_planning
from app.operators.models import Departure, Guide, Vehicle
from tests.factories import (
    make_experience,
    make_operator,
    make_slot,
    make_tour,
    make_user,
    make_village,
)

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
NINE = datetime(2027, 3, 6, 1, 0, tzinfo=UTC)  # Saturday 08:00 in Hanoi


@pytest.fixture()
def ctx(app, db):
    with app.test_request_context():
        yield


@pytest.fixture()
def company(db):
    operator = make_operator("Hanoi Craft Trails")
    user = make_user(operator="Hanoi Craft Trails")
    guide = Guide(operator=operator, name="Hà")
    vehicle = Vehicle(operator=operator, name="Minibus", seats=16)
    db.session.add_all([guide, vehicle])
    tour = make_tour(operator=operator, duration_minutes=300)
    db.session.commit()
    return user, tour, guide, vehicle


def data(starts_at, **changes) -> departures.DepartureData:
    return departures.DepartureData(**{"starts_at": starts_at, "capacity": 12, **changes})


def test_a_guide_or_vehicle_cannot_be_on_two_overlapping_departures(db, ctx, company):
    user, tour, guide, vehicle = company
    departures.add_departure(
        tour.id, user, data(NINE, guide_id=guide.id, vehicle_id=vehicle.id), NOW
    )
    for clash in ({"guide_id": guide.id}, {"vehicle_id": vehicle.id}):
        with pytest.raises(Conflict) as caught:
            departures.add_departure(tour.id, user, data(NINE + timedelta(hours=4), **clash), NOW)
        assert list(caught.value.fields) == list(clash)
        assert "already on" in caught.value.message
    after = departures.add_departure(
        tour.id, user, data(NINE + timedelta(hours=5), guide_id=guide.id), NOW
    )
    assert after.guide_id == guide.id  # back-to-back is fine


def test_moving_onto_a_busy_guide_is_refused_but_a_free_move_is_not(db, ctx, company):
    user, tour, guide, _ = company
    first = departures.add_departure(tour.id, user, data(NINE, guide_id=guide.id), NOW)
    second = departures.add_departure(tour.id, user, data(NINE + timedelta(days=1)), NOW)
    with pytest.raises(Conflict):
        departures.update_departure(
            second.id, user, data(NINE + timedelta(hours=2), guide_id=guide.id), NOW
        )
    moved = departures.update_departure(
        first.id, user, data(NINE + timedelta(hours=1), guide_id=guide.id), NOW
    )
    assert moved.starts_at == NINE + timedelta(hours=1)


def test_moving_a_departure_tells_its_guests_and_villages(db, ctx, company, outbox):
    user, tour, _, _ = company
    village = tour.stops[0].village
    make_user(villages=[village], email="host@example.com")
    departure = departures.add_departure(tour.id, user, data(NINE), NOW)
    bookings.request_booking(
        bookings.BookingRequest(
            slot_ids=(),
            departure_id=departure.id,
            adults=2,
            children=0,
            name="Mai",
            email="mai@example.com",
            phone="0901234567",
        ),
        None,
        NOW,
    )
    departures.update_departure(departure.id, user, data(NINE + timedelta(days=1)), NOW)
    kinds = {(message.recipient, message.kind) for message in outbox()}
    assert ("mai@example.com", "booking_moved") in kinds
    assert ("host@example.com", "departure_moved") in kinds


def test_a_departure_booking_holds_seats_and_a_full_one_refuses(db, ctx, company):
    user, tour, _, _ = company
    departure = departures.add_departure(tour.id, user, data(NINE, capacity=3), NOW)
    request = bookings.BookingRequest(
        slot_ids=(),
        departure_id=departure.id,
        adults=2,
        children=0,
        name="A",
        email="a@example.com",
        phone="0901234567",
    )
    booking, _, _ = bookings.request_booking(request, None, NOW)
    assert booking.items[0].price_vnd == 1_400_000
    with pytest.raises(Conflict):
        bookings.request_booking(request, None, NOW)
    db.session.expire_all()
    assert db.session.get(Departure, departure.id).booked == 2


def test_reserving_workshops_secures_the_stops_and_a_move_flags_them(db, ctx, outbox):
    village = make_village()
    experience = make_experience(village=village, confirmation_mode="on_request", max_party=20)
    host = make_user(villages=[village])
    make_operator("Trails")
    user = make_user(operator="Trails")
    tour = make_tour(
        operator=user.operator,
        stops=[
            {
                "village": village,
                "experience_id": experience.id,
                "offset_minutes": 60,
                "stay_minutes": 120,
            }
        ],
    )
    make_slot(experience=experience, starts_at=NINE + timedelta(hours=1), capacity=20)
    db.session.commit()
    departure = departures.add_departure(tour.id, user, data(NINE), NOW)
    assert [check.state for check in reservations.stop_checks(departure)] == ["missing"]
    booking = reservations.reserve_workshops(departure.id, user, 12, NOW)
    assert booking.for_departure_id == departure.id
    assert [check.state for check in reservations.stop_checks(departure)] == ["requested"]
    from app.bookings import hosting

    hosting.confirm_item(booking.items[0].id, host, NOW)
    assert [check.state for check in reservations.stop_checks(departure)] == ["secured"]
    departures.update_departure(departure.id, user, data(NINE + timedelta(days=7)), NOW)
    db.session.expire_all()
    assert [
        check.state for check in reservations.stop_checks(db.session.get(Departure, departure.id))
    ] == ["mismatch"]


def test_another_operator_cannot_see_or_change_a_departure(db, ctx, company):
    user, tour, _, _ = company
    departure = departures.add_departure(tour.id, user, data(NINE), NOW)
    stranger = make_user(operator="Other Tours")
    db.session.commit()
    with pytest.raises(Forbidden):
        departures.get_departure_for_edit(departure.id, stranger)
    with pytest.raises(Forbidden):
        departures.update_departure(departure.id, stranger, data(NINE + timedelta(days=1)), NOW)
    with pytest.raises(Forbidden):
        services.get_tour_for_edit(tour.id, stranger)


def test_manifest_csv_and_check_in(db, ctx, company):
    user, tour, _, _ = company
    departure = departures.add_departure(tour.id, user, data(NINE), NOW)
    booking, _, _ = bookings.request_booking(
        bookings.BookingRequest(
            slot_ids=(),
            departure_id=departure.id,
            adults=2,
            children=1,
            name="+cmd",
            email="mai@example.com",
            phone="0901234567",
            note="Vegan",
        ),
        None,
        NOW,
    )
    departures.check_in(booking.items[0].id, user, NOW)
    text = departures.manifest_csv(departure)
    assert text.splitlines()[0].startswith("reference,name,adults")
    assert (
        f"{booking.reference},'+cmd,2,1" in text
        and "Vegan" in text
        and text.rstrip().endswith("yes")
    )


def test_utilisation_by_week_and_village(db, ctx, company):
    user, tour, _, _ = company
    first = departures.add_departure(tour.id, user, data(NINE, capacity=10), NOW)
    departures.add_departure(tour.id, user, data(NINE + timedelta(days=7), capacity=10), NOW)
    bookings.request_booking(
        bookings.BookingRequest(
            slot_ids=(),
            departure_id=first.id,
            adults=4,
            children=0,
            name="A",
            email="a@example.com",
            phone="0901234567",
        ),
        None,
        NOW,
    )
    by_week, by_village = departures.utilisation_report(
        user, NINE.date() - timedelta(days=5), NINE.date() + timedelta(days=20)
    )
    assert [(row.booked, row.capacity) for row in by_week] == [(4, 10), (0, 10)]
    assert [(row.booked, row.capacity, row.share) for row in by_village] == [(4, 20, 0.2)]


def test_weekly_departures_are_opened_once(db, ctx, company):
    user, tour, _, _ = company
    rule = {
        "weekdays": [5],
        "start_times": "08:00",
        "starts_on": NINE.date(),
        "ends_on": NINE.date() + timedelta(days=60),
        "capacity": 12,
    }
    assert departures.add_departure_rule(tour.id, user, rule, NOW) == 8
    assert departures.add_departure_rule(tour.id, user, rule, NOW) == 0
    starts = db.session.scalars(select(Departure.starts_at).order_by(Departure.starts_at)).all()
    assert starts[0] == NINE


def test_propose_order_puts_stops_in_the_shortest_loop(db, ctx):
    make_operator("Loop")
    user = make_user(operator="Loop")
    far = make_village(lat=20.80, lon=105.90)
    near = make_village(lat=21.00, lon=105.86)
    middle = make_village(lat=20.90, lon=105.88)
    tour = make_tour(
        operator=user.operator,
        duration_minutes=600,
        stops=[
            {"village": far, "stay_minutes": 60},
            {"village": near, "stay_minutes": 60},
            {"village": middle, "stay_minutes": 60},
        ],
    )
    db.session.commit()
    stop_planning.propose_order(tour.id, user, NOW)
    db.session.expire_all()
    order = [stop.village_id for stop in services.get_tour_for_edit(tour.id, user).stops]
    assert order in ([near.id, middle.id, far.id], [far.id, middle.id, near.id])
    offsets = [stop.offset_minutes for stop in services.get_tour_for_edit(tour.id, user).stops]
    assert offsets == sorted(offsets) and offsets[0] > 0
