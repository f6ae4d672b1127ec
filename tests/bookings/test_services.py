"""Booking services with a fixed clock: holds, all-or-nothing, cut-off, expiry, host answers."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from app.bookings import hosting, services
from app.bookings.models import Booking, BookingEvent, BookingItem
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.experiences import services as experiences
from app.experiences import slots as slot_services
from app.experiences.models import Slot
from tests.factories import make_experience, make_slot, make_user, make_village

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)


@pytest.fixture()
def ctx(app, db):
    with app.test_request_context():
        yield


def ask(*slots, adults=2, children=0, key=None, language="en", now=NOW):
    return services.request_booking(
        services.BookingRequest(
            slot_ids=tuple(slot.id for slot in slots),
            adults=adults,
            children=children,
            name="Mai",
            email="Mai@Example.com",
            phone="+84 912 345 678",
            language=language,
            idempotency_key=key,
        ),
        None,
        now,
    )


def slot(db, capacity=6, mode="instant", starts=NOW + timedelta(days=5), **experience):
    made = make_slot(
        experience=make_experience(confirmation_mode=mode, cutoff_hours=12, **experience),
        capacity=capacity,
        starts_at=starts,
    )
    db.session.commit()
    return made


def booked(db, slot_id: int) -> int:
    db.session.expire_all()
    return db.session.get(Slot, slot_id).booked


def test_instant_booking_confirms_and_takes_places(db, ctx, outbox):
    target = slot(db)
    booking, token, created = ask(target, adults=2, children=1)
    assert created and booking.reference.startswith("LN-")
    assert [item.status for item in booking.items] == ["confirmed"]
    assert booking.items[0].price_vnd == 2 * 150_000 + 100_000
    assert booked(db, target.id) == 3
    mail = [message for message in outbox() if message.recipient == "mai@example.com"][-1]
    assert mail.kind == "booking_confirmed" and token in mail.body
    assert Calendar.from_ical(mail.attachment_body).walk("VEVENT")


def test_on_request_booking_holds_places_until_the_host_answers(db, ctx):
    target = slot(db, mode="on_request")
    booking, _, _ = ask(target)
    item = booking.items[0]
    assert item.status == "pending" and item.hold_expires_at == NOW + timedelta(hours=48)
    assert booked(db, target.id) == 2


def test_a_day_with_one_full_slot_holds_nothing(db, ctx):
    free, full = slot(db), slot(db, capacity=3)
    ask(full, adults=2)
    with pytest.raises(Conflict) as caught:
        ask(free, full, adults=2)
    assert caught.value.code == "no_capacity" and "slot_ids" in caught.value.fields
    assert booked(db, free.id) == 0 and booked(db, full.id) == 2
    assert db.session.scalar(select(func.count(Booking.id))) == 1


def test_past_the_cutoff_is_refused(db, ctx):
    target = slot(db, starts=NOW + timedelta(hours=11))
    with pytest.raises(Conflict) as caught:
        ask(target)
    assert caught.value.code == "past_cutoff"


def test_party_outside_the_group_limits_is_refused(db, ctx):
    target = slot(db, min_party=2, max_party=4)
    with pytest.raises(Invalid):
        ask(target, adults=1)
    with pytest.raises(Invalid):
        ask(target, adults=5)
    assert booked(db, target.id) == 0


def test_idempotency_key_returns_the_first_booking(db, ctx):
    target = slot(db)
    first, token, created = ask(target, key="api:abc")
    again, token_again, created_again = ask(target, key="api:abc")
    assert created and not created_again
    assert (again.id, token_again) == (first.id, token)
    assert booked(db, target.id) == 2


def test_lapsed_holds_count_as_free_before_expire_runs(db, ctx, runner):
    target = slot(db, capacity=2, mode="on_request")
    ask(target, adults=2)
    later = NOW + timedelta(hours=49)
    day = (target.starts_at + timedelta(hours=7)).date()
    shown = experiences.slots_between(target.experience_id, day, day, now=later)
    assert shown[0].remaining == 2  # the hold lapsed, though `booked` still says 2
    booking, _, _ = ask(target, adults=2, now=later)  # and it can be booked again
    assert booking.items[0].status == "pending"
    lapsed = db.session.scalars(select(BookingItem).where(BookingItem.status == "expired")).all()
    assert len(lapsed) == 1 and booked(db, target.id) == 2


def test_expire_lapses_old_holds_frees_places_and_tells_the_guest(db, ctx, outbox):
    target = slot(db, mode="on_request")
    ask(target)
    assert services.expire_holds(NOW + timedelta(hours=47)) == 0
    assert services.expire_holds(NOW + timedelta(hours=48)) == 1
    assert booked(db, target.id) == 0
    assert outbox()[-1].kind == "booking_expired"


def test_guest_cancels_before_the_cutoff_and_the_places_come_back(db, ctx):
    target = slot(db)
    booking, token, _ = ask(target)
    with pytest.raises(NotFound):
        services.guest_cancel(booking.reference, "wrong-token", NOW)
    services.guest_cancel(booking.reference, token, NOW)
    assert booked(db, target.id) == 0
    events = db.session.scalars(select(BookingEvent).order_by(BookingEvent.id)).all()
    assert [(event.from_status, event.to_status) for event in events] == [
        ("", "confirmed"),
        ("confirmed", "cancelled"),
    ]


def test_cancelling_after_the_cutoff_is_refused(db, ctx):
    target = slot(db, starts=NOW + timedelta(hours=20))
    booking, token, _ = ask(target)
    with pytest.raises(Conflict):
        services.guest_cancel(booking.reference, token, NOW + timedelta(hours=9))
    assert booked(db, target.id) == 2


def test_move_to_another_slot_of_the_same_workshop(db, ctx, outbox):
    first = slot(db)
    second = make_slot(
        experience=first.experience, starts_at=first.starts_at + timedelta(days=1), capacity=2
    )
    other = slot(db)
    db.session.commit()
    booking, token, _ = ask(first)
    with pytest.raises(Invalid):
        services.move_item(booking.reference, token, booking.items[0].id, other.id, NOW)
    services.move_item(booking.reference, token, booking.items[0].id, second.id, NOW)
    assert (booked(db, first.id), booked(db, second.id)) == (0, 2)
    assert outbox()[-1].kind == "booking_moved"


def test_move_to_a_full_slot_changes_nothing(db, ctx):
    first = slot(db)
    full = make_slot(
        experience=first.experience,
        starts_at=first.starts_at + timedelta(days=1),
        capacity=2,
        booked=1,
    )
    db.session.commit()
    booking, token, _ = ask(first)
    with pytest.raises(Conflict):
        services.move_item(booking.reference, token, booking.items[0].id, full.id, NOW)
    assert (booked(db, first.id), booked(db, full.id)) == (2, 1)


def test_host_confirms_or_declines_and_only_their_own(db, ctx, outbox):
    village = make_village()
    host = make_user(villages=[village])
    stranger = make_user(villages=[make_village()])
    target = make_slot(
        experience=make_experience(village=village, confirmation_mode="on_request"),
        starts_at=NOW + timedelta(days=3),
    )
    db.session.commit()
    one, _, _ = ask(target)
    two, _, _ = ask(target)
    with pytest.raises(Forbidden):
        hosting.confirm_item(one.items[0].id, stranger, NOW)
    hosting.confirm_item(one.items[0].id, host, NOW, "See you at the kiln")
    hosting.decline_item(two.items[0].id, host, NOW, "Full that day")
    assert booked(db, target.id) == 2
    with pytest.raises(Conflict):
        hosting.confirm_item(two.items[0].id, host, NOW)
    assert "Full that day" in outbox()[-1].body


def test_confirming_a_lapsed_hold_is_refused(db, ctx):
    village = make_village()
    host = make_user(villages=[village])
    target = make_slot(
        experience=make_experience(village=village, confirmation_mode="on_request"),
        starts_at=NOW + timedelta(days=5),
    )
    db.session.commit()
    booking, _, _ = ask(target)
    with pytest.raises(Conflict):
        hosting.confirm_item(booking.items[0].id, host, NOW + timedelta(hours=49))
    assert booked(db, target.id) == 0


def test_host_cancelling_a_slot_tells_every_guest(db, ctx, outbox):
    village = make_village()
    host = make_user(villages=[village])
    target = make_slot(
        experience=make_experience(village=village), starts_at=NOW + timedelta(days=5)
    )
    db.session.commit()
    ask(target)
    services.request_booking(
        services.BookingRequest(
            slot_ids=(target.id,),
            adults=1,
            children=0,
            name="Tom",
            email="tom@example.com",
            phone="0901234567",
            language="vi",
        ),
        None,
        NOW,
    )
    slot_services.close_slot(target.id, host, "Kiln repair", cancel_bookings=True, now=NOW)
    cancelled = [message for message in outbox() if message.kind == "booking_cancelled"]
    assert {message.recipient for message in cancelled} == {"mai@example.com", "tom@example.com"}
    assert all("Kiln repair" in message.body for message in cancelled)
    vietnamese = next(message for message in cancelled if message.recipient == "tom@example.com")
    assert "đã bị hủy" in vietnamese.subject  # each guest is told in their own language
    assert booked(db, target.id) == 0


def test_reminder_goes_once_the_day_before(db, ctx, outbox):
    target = slot(db, starts=NOW + timedelta(hours=36))
    ask(target)
    assert services.send_reminders(NOW) == 1
    assert services.send_reminders(NOW) == 0
    assert outbox()[-1].kind == "booking_reminder"


def test_manifest_csv_lists_the_guests_and_neutralises_formulas(db, ctx):
    village = make_village()
    host = make_user(villages=[village])
    target = make_slot(
        experience=make_experience(village=village), starts_at=NOW + timedelta(days=5)
    )
    db.session.commit()
    services.request_booking(
        services.BookingRequest(
            slot_ids=(target.id,),
            adults=2,
            children=1,
            name='=HYPERLINK("x")',
            email="a@example.com",
            phone="0901234567",
            note="vegetarian",
        ),
        None,
        NOW,
    )
    found, items = hosting.manifest(target.id, host)
    text = hosting.manifest_csv(found, items)
    assert "'=HYPERLINK" in text and "vegetarian" in text and ",2,1," in text
    with pytest.raises(Forbidden):
        hosting.manifest(target.id, make_user(villages=[make_village()]))
