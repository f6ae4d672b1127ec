"""Book with confidence: the booking form's total and terms, the confirmation page (meeting
point, directions, phone, what to bring, calendar), "are you sure?" before cancelling, and a
calendar of free slots to move to."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from app.bookings.models import BookingItem
from app.experiences.models import Slot
from tests.factories import make_departure, make_experience, make_slot, make_tour, make_village

NOW = datetime(2027, 3, 1, 1, 0, tzinfo=UTC)  # Monday 1 March 2027, 08:00 in Hanoi
START = datetime(2027, 3, 4, 2, 0, tzinfo=UTC)  # Thursday 4 March, 09:00 in Hanoi
GUEST = {"name": "Mai", "email": "mai@example.com", "phone": "0912 345 678", "adults": 2,
         "children": 1, "form_token": "f" * 24}  # fmt: skip


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture()
def workshop(db):
    village = make_village(slug="bat-trang", name_vi="Bát Tràng", name_en="Bat Trang",
                           lat=20.983, lon=105.917, contact_phone="0243 874 0000")  # fmt: skip
    experience = make_experience(village=village, title_en="Throw a pot", cutoff_hours=12,
                                 price_adult_vnd=150_000, price_child_vnd=100_000,
                                 bring_en="Clothes that may get clay on them",
                                 bring_vi="Quần áo có thể dính đất")  # fmt: skip
    slot = make_slot(experience=experience, starts_at=START)
    db.session.commit()
    return slot


def text_of(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def book(client, slot, **changes):
    response = client.post(f"/bookings/new?slot_id={slot.id}", data={**GUEST, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.location


# --- the booking form ---------------------------------------------------------------------


def test_the_form_states_the_total_for_the_party(client, workshop):
    page = client.get(f"/bookings/new?slot_id={workshop.id}&adults=3&children=1").get_data(
        as_text=True
    )
    total = re.search(r'id="quote-total" data-total="(\d+)">([^<]+)<', page)
    assert total.groups() == ("550000", "550.000 ₫")  # 3 × 150.000 + 1 × 100.000
    assert 'data-adult="150000" data-child="100000"' in page  # what the live script multiplies


def test_a_refused_form_keeps_the_total_of_what_was_posted(client, workshop):
    response = client.post(
        f"/bookings/new?slot_id={workshop.id}", data={**GUEST, "email": "not-an-email"}
    )
    assert response.status_code == 422
    assert 'data-total="400000"' in response.get_data(as_text=True)  # 2 adults and 1 child


def test_each_item_states_its_free_cancellation_deadline(client, workshop):
    page = text_of(client.get(f"/bookings/new?slot_id={workshop.id}").get_data(as_text=True))
    assert "Free cancellation until Wed 03/03 21:00 (GMT+7)." in page  # 12 h before 09:00


def test_an_instant_booking_says_it_confirms_at_once_and_nothing_about_holding(client, workshop):
    page = client.get(f"/bookings/new?slot_id={workshop.id}").get_data(as_text=True)
    assert 'id="next-instant"' in page and "Instant confirmation" in page
    assert 'id="next-on-request"' not in page and "held" not in page


def test_an_on_request_item_says_the_host_answers_and_holds_the_places(client, app, db):
    slot = make_slot(experience=make_experience(confirmation_mode="on_request"), starts_at=START)
    db.session.commit()
    page = text_of(client.get(f"/bookings/new?slot_id={slot.id}").get_data(as_text=True))
    hours = app.config["BOOKING_HOLD_HOURS"]
    assert f"The host confirms within {hours} hours" in page
    assert f"are held for you while they answer, within {hours} hours" in page


def test_the_form_speaks_vietnamese_with_vietnamese_weekdays(client, workshop):
    client.set_cookie("lang", "vi")
    page = text_of(client.get(f"/bookings/new?slot_id={workshop.id}").get_data(as_text=True))
    assert "Thứ Năm 04/03/2027 09:00 (GMT+7)" in page
    assert "Miễn phí hủy đến Thứ 4 03/03 21:00 (GMT+7)." in page


# --- the confirmation page ------------------------------------------------------------------


def test_the_confirmation_gives_directions_phone_and_what_to_bring(client, workshop):
    page = client.get(book(client, workshop)).get_data(as_text=True)
    links = dict(re.findall(r'<a href="([^"]+)" target="_blank" rel="noopener" '
                            r'data-directions="([^"]+)"', page))  # fmt: skip
    assert set(links.values()) == {"Google Maps", "Apple Maps", "OpenStreetMap"}
    for url in links:
        assert "20.983000" in url and "105.917000" in url
    assert 'href="tel:02438740000"' in page and "0243 874 0000" in page
    assert "Clothes that may get clay on them" in page
    assert 'class="ln-map ln-map--small"' in page  # the meeting point's small map


def test_a_tour_confirmation_gives_the_operators_phone(client, db):
    departure = make_departure(tour=make_tour(contact_phone="0900 000 123"), starts_at=START)
    db.session.commit()
    response = client.post("/bookings/new", data={**GUEST, "departure_id": departure.id})
    page = text_of(client.get(response.location).get_data(as_text=True))
    assert "Operator phone 0900 000 123" in page


def test_the_confirmation_adds_the_booking_to_a_calendar(client, workshop):
    page = client.get(book(client, workshop)).get_data(as_text=True)
    link = re.search(r'id="add-to-calendar" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.mimetype == "text/calendar"
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]).startswith("Throw a pot") and event["DTSTART"].dt == START
    assert client.get(link.replace("token=", "token=x")).status_code == 404


def test_every_booking_email_is_multipart_with_the_days_essentials(client, workshop, outbox):
    book(client, workshop)
    mail = next(message for message in outbox() if message.kind == "booking_confirmed")
    for body in (mail.body, mail.html_body):
        assert "https://www.google.com/maps/dir/?api=1" in body
        assert "0243 874 0000" in body and "Clothes that may get clay on them" in body
        assert "/calendar.ics?token=" in body and "/bookings/LN-" in body
    assert "<a href=" in mail.html_body and "<a href=" not in mail.body


def test_booking_emails_escape_what_guests_typed(client, workshop, outbox):
    book(client, workshop, name="<b>Mai</b>")
    mail = next(message for message in outbox() if message.kind == "booking_confirmed")
    assert "&lt;b&gt;Mai&lt;/b&gt;" in mail.html_body and "<b>Mai</b>" not in mail.html_body
    assert "<b>Mai</b>" in mail.body  # plain text needs no escaping


def test_a_vietnamese_guest_gets_a_vietnamese_email(client, workshop, outbox):
    client.set_cookie("lang", "vi")
    book(client, workshop)
    mail = next(message for message in outbox() if message.kind == "booking_confirmed")
    assert mail.subject.startswith("Đặt chỗ") or "xác nhận" in mail.subject
    for body in (mail.body, text_of(mail.html_body)):
        assert "Thứ Năm 04/03/2027 09:00" in body and "Quần áo có thể dính đất" in body
        assert "Chỉ đường" in body and "Thursday" not in body


def test_the_host_is_told_in_their_own_language(client, db, workshop, outbox):
    from tests.factories import make_user

    make_user(villages=[workshop.experience.village], language="en", email="host@example.com")
    db.session.commit()
    client.set_cookie("lang", "vi")
    book(client, workshop)
    mail = next(message for message in outbox() if message.recipient == "host@example.com")
    assert mail.subject.startswith("New booking") and "Thursday 04/03/2027" in mail.body
    assert "Mai, 0912 345 678" in mail.html_body


# --- cancelling asks first --------------------------------------------------------------


def test_cancelling_asks_first_and_says_what_it_means(client, db, workshop):
    manage = client.get(book(client, workshop)).get_data(as_text=True)
    link = re.search(r'href="([^"]*/cancel\?[^"]*)"', manage).group(1).replace("&amp;", "&")
    question = client.get(link)
    page = text_of(question.get_data(as_text=True))
    assert "Cancel this visit?" in page and "Your places are released at once" in page
    assert "Free cancellation: you owe nothing." in page
    assert db.session.scalar(select(BookingItem.status)) == "confirmed"  # asking changed nothing
    form = re.search(r'<form method="post" action="([^"]+)"', question.get_data(as_text=True))
    item_id = re.search(r'name="item_id" value="(\d+)"', question.get_data(as_text=True))
    client.post(form.group(1).replace("&amp;", "&"), data={"item_id": item_id.group(1)})
    assert db.session.scalar(select(BookingItem.status)) == "cancelled"
    assert db.session.get(Slot, workshop.id).booked == 0


def test_past_the_cut_off_the_question_says_to_call(client, workshop, time_machine):
    manage_url = book(client, workshop)
    time_machine.move_to(START - timedelta(hours=2), tick=False)
    manage = client.get(manage_url).get_data(as_text=True)
    assert "/cancel?" not in manage and "please call" in manage
    reference, token = re.search(r"/bookings/(LN-\w+)\?token=([\w-]+)", manage_url).groups()
    page = client.get(f"/bookings/{reference}/cancel?token={token}").get_data(as_text=True)
    assert "too late to cancel" in page and 'id="confirm-cancel"' not in page


# --- moving offers a calendar of free slots ------------------------------------------------


def test_moving_offers_a_calendar_of_the_free_slots(client, db, workshop):
    experience = workshop.experience
    free = make_slot(experience=experience, starts_at=START + timedelta(days=2))
    full = make_slot(experience=experience, starts_at=START + timedelta(days=3), booked=9)
    other = make_slot(starts_at=START + timedelta(days=2))  # another workshop
    db.session.commit()
    manage = client.get(book(client, workshop)).get_data(as_text=True)
    link = re.search(r'href="([^"]*/move\?[^"]*)"', manage).group(1).replace("&amp;", "&")
    page = client.get(link).get_data(as_text=True)
    offered = {int(value) for value in re.findall(r'name="slot_id" value="(\d+)"', page)}
    assert offered == {free.id}  # not its own slot, not a full one, not another workshop's
    assert full.id not in offered and other.id not in offered
    assert re.search(r'id="move-month">\s*March 2027', page)
    action = re.search(r'<form method="post" action="([^"]+)" id="move-form"', page).group(1)
    client.post(action.replace("&amp;", "&"), data={"slot_id": free.id})
    assert db.session.scalar(select(BookingItem.slot_id)) == free.id


def test_the_move_calendar_refuses_a_bad_month_naming_it(client, workshop):
    manage = client.get(book(client, workshop)).get_data(as_text=True)
    link = re.search(r'href="([^"]*/move\?[^"]*)"', manage).group(1).replace("&amp;", "&")
    response = client.get(link + "&month=2027-13")
    assert response.status_code == 400 and "month" in response.get_data(as_text=True)
