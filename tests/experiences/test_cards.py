"""Prices up front: every workshop, tour and village card says what it costs from, how long
it lasts, in which languages, what is included and whether it confirms at once."""

import re

from tests.factories import make_experience, make_tour, make_village


def card(page: str, marker: str) -> str:
    """The text of the card holding `marker` (an attribute of its <article>)."""
    found = re.search(rf"<article[^>]*{marker}[^>]*>(.*?)</article>", page, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_a_workshop_card_says_price_duration_languages_inclusions_and_instant(client, db):
    experience = make_experience(price_adult_vnd=150_000, duration_minutes=150, languages="vi,en",
                                 included_en="Clay and one fired piece")  # fmt: skip
    db.session.commit()
    text = card(
        client.get("/workshops/").get_data(as_text=True), f'data-experience="{experience.id}"'
    )
    assert "from 150.000 ₫ per adult" in text
    assert "2 h 30 min" in text and "Vietnamese, English" in text
    assert "Instant confirmation" in text and "Included: Clay and one fired piece" in text


def test_an_on_request_card_says_when_the_host_answers(client, db, app):
    experience = make_experience(confirmation_mode="on_request")
    db.session.commit()
    text = card(
        client.get("/workshops/").get_data(as_text=True), f'data-experience="{experience.id}"'
    )
    hours = app.config["BOOKING_HOLD_HOURS"]
    assert f"The host confirms within {hours} hours" in text and "Instant" not in text


def test_a_village_card_starts_at_its_cheapest_workshop(client, db):
    village = make_village(slug="bat-trang")
    make_experience(village=village, price_adult_vnd=250_000)
    make_experience(village=village, price_adult_vnd=120_000)
    make_experience(village=village, price_adult_vnd=90_000, is_published=False)
    quiet = make_village(slug="quiet")
    db.session.commit()
    page = client.get("/villages/").get_data(as_text=True)
    assert "from 120.000 ₫ per adult" in card(page, 'data-village="bat-trang"')
    assert "no workshop to book yet" in card(page, 'data-village="quiet"')
    assert quiet.slug


def test_a_tour_card_says_its_price_and_who_confirms(client, db, app):
    tour = make_tour(price_adult_vnd=750_000, duration_minutes=300, languages="en",
                     confirmation_mode="on_request", inclusions_en="Minibus, guide")  # fmt: skip
    db.session.commit()
    text = card(client.get("/tours/").get_data(as_text=True), f'data-tour="{tour.id}"')
    assert "from 750.000 ₫ per adult" in text and "5 h" in text and "English" in text
    assert f"The operator confirms within {app.config['BOOKING_HOLD_HOURS']} hours" in text
    assert "Included: Minibus, guide" in text


def test_cards_speak_vietnamese(client, db):
    experience = make_experience(price_adult_vnd=150_000, duration_minutes=90, languages="vi,en",
                                 included_vi="Đất sét")  # fmt: skip
    db.session.commit()
    client.set_cookie("lang", "vi")
    text = card(
        client.get("/workshops/").get_data(as_text=True), f'data-experience="{experience.id}"'
    )
    assert "từ 150.000 ₫ / người lớn" in text and "1 giờ 30 phút" in text
    assert "Tiếng Việt, Tiếng Anh" in text and "Xác nhận ngay" in text
    assert "Bao gồm: Đất sét" in text
