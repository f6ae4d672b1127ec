"""Closing a slot or cancelling a departure while bookings land: afterwards no item is live on
it, and every guest whose booking was cancelled has been told. Guests book through the JSON API
from separate processes while the host (or operator) submits the close (cancel) form through
HTTP, all against gunicorn with 4 workers, on SQLite and PostgreSQL."""

import multiprocessing
import time
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.bookings.models import Booking, BookingItem
from app.bookings.rules import HOLDING, ItemStatus
from app.experiences.models import Slot
from app.notifications.models import OutboxMessage
from app.operators.models import Departure
from app.timeutil import utcnow
from tests.bookings.live import Browser, book_api
from tests.factories import (
    PASSWORD,
    make_departure,
    make_experience,
    make_slot,
    make_tour,
    make_user,
    make_village,
)

pytestmark = pytest.mark.slow
BOOKERS = 6  # guest processes per race, each booking one place after another until refused
MAX_BOOKINGS = 40  # per guest process and race
SLOT_RACES = 12
DEPARTURE_RACES = 8


def _guest(base: str, target: dict, prefix: str, go, results) -> None:
    """A guest process: book again and again until the answer is not 201."""
    go.wait(30)
    answers = []
    for number in range(MAX_BOOKINGS):
        answer = book_api(base, f"{prefix}-{number}@example.com", **target)
        answers.append((answer.status, answer.error_code))
        if answer.status != 201:
            break
    results.put(answers)


def _closer(
    base: str, email: str, page: str, action: str, fields: dict, delay: float, sync, results
):
    """The host or operator process: log in, open the page, then submit the form mid-storm."""
    ready, go = sync
    browser = Browser(base)
    browser.log_in(email, PASSWORD)
    browser.get(page)
    ready.set()
    go.wait(30)
    time.sleep(delay)
    results.put([(browser.post(action, fields).status, "closer")])


@dataclass
class Race:
    created: int  # bookings the API answered 201
    refused: dict  # error code -> count of later refusals
    closer_status: int


def _race(base: str, target: dict, prefix: str, closer_args: tuple) -> Race:
    context = multiprocessing.get_context("fork")
    ready, go, results = context.Event(), context.Event(), context.Queue()
    processes = [
        context.Process(target=_guest, args=(base, target, f"{prefix}-{n}", go, results))
        for n in range(BOOKERS)
    ]
    closer = context.Process(target=_closer, args=(base, *closer_args, (ready, go), results))
    processes.append(closer)
    for process in processes:
        process.start()
    ready.wait(30)  # the closer has logged in and opened its page
    go.set()
    answers = [answer for _ in processes for answer in results.get(timeout=120)]
    for process in processes:
        process.join(timeout=30)
    refused: dict = {}
    for status, code in answers:
        if status not in (201, 302):
            refused[code or status] = refused.get(code or status, 0) + 1
    closer = next(status for status, code in answers if code == "closer")
    return Race(sum(1 for status, _ in answers if status == 201), refused, closer)


def _left_live_and_untold(db, items_query) -> tuple[dict, list, int]:
    """Items still live per target (slot or departure), cancelled guests without a cancellation
    email, and how many items the targets got."""
    db.session.rollback()  # end our snapshot: read what the other processes wrote
    items = list(db.session.scalars(items_query))
    live: dict = {}
    for item in items:
        if item.status in HOLDING:
            target = item.slot_id or item.departure_id
            live[target] = live.get(target, 0) + 1
    told = set(
        db.session.scalars(
            select(OutboxMessage.recipient).where(OutboxMessage.kind == "booking_cancelled")
        )
    )
    untold = [
        item.booking.contact_email
        for item in items
        if item.status == ItemStatus.CANCELLED and item.booking.contact_email not in told
    ]
    return live, untold, len(items)


def test_closing_a_slot_during_a_booking_storm_leaves_no_live_booking(server, db):
    village = make_village()
    host = make_user(villages=[village])
    experience = make_experience(village=village, max_party=10)
    slots = [
        make_slot(experience=experience, capacity=400, starts_at=_start(days=3, hours=number))
        for number in range(SLOT_RACES)
    ]
    db.session.commit()
    races = []
    for number, slot in enumerate(slots):
        closer = (
            host.email,
            f"/host/experiences/{experience.id}/slots",
            f"/host/slots/{slot.id}/close",
            {"reason": "The kiln broke", "cancel_bookings": "y"},
            0.15 + 0.05 * number,
        )
        races.append(_race(server, {"slot_ids": [slot.id]}, f"slot{number}", closer))
    query = select(BookingItem).join(Booking).where(BookingItem.slot_id.in_([s.id for s in slots]))
    live, untold, total = _left_live_and_untold(db, query)
    assert [race.closer_status for race in races] == [302] * SLOT_RACES
    assert all(race.created > 0 for race in races), races  # each close met landed bookings
    assert all(set(race.refused) == {"slot_closed"} for race in races), races  # not "full"
    assert total == sum(race.created for race in races)
    assert live == {} and untold == [], (live, len(untold), races)
    assert all(db.session.get(Slot, slot.id).status == "cancelled" for slot in slots)
    assert all(db.session.get(Slot, slot.id).booked == 0 for slot in slots)
    print(f"slot races: {SLOT_RACES}, items cancelled: {total}, live left: {live}")


def test_cancelling_a_departure_during_a_booking_storm_leaves_no_live_booking(server, db):
    operator = make_user(operator="Storm Tours")
    tour = make_tour(operator=operator.operator)
    departures = [
        make_departure(tour=tour, capacity=400, starts_at=_start(days=5, hours=number * 8))
        for number in range(DEPARTURE_RACES)
    ]
    db.session.commit()
    races = []
    for number, departure in enumerate(departures):
        closer = (
            operator.email,
            f"/operator/departures/{departure.id}",
            f"/operator/departures/{departure.id}/cancel",
            {"reason": "The bus broke down"},
            0.15 + 0.05 * number,
        )
        target = {"departure_id": departure.id}
        races.append(_race(server, target, f"departure{number}", closer))
    ids = [departure.id for departure in departures]
    query = select(BookingItem).join(Booking).where(BookingItem.departure_id.in_(ids))
    live, untold, total = _left_live_and_untold(db, query)
    assert [race.closer_status for race in races] == [302] * DEPARTURE_RACES
    assert all(race.created > 0 for race in races), races
    assert all(set(race.refused) == {"departure_closed"} for race in races), races
    assert total == sum(race.created for race in races)
    assert live == {} and untold == [], (live, len(untold), races)
    assert all(db.session.get(Departure, i).status == "cancelled" for i in ids)
    assert all(db.session.get(Departure, i).booked == 0 for i in ids)
    print(f"departure races: {DEPARTURE_RACES}, items cancelled: {total}, live left: {live}")


def _start(days: int, hours: int):
    """A start a few days after the test's clock (which the gunicorn workers share)."""
    return utcnow().replace(minute=0, second=0, microsecond=0) + timedelta(days=days, hours=hours)
