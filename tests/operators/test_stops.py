"""Editing a tour's stops by hand: choose a workshop by name, edit, reorder, remove."""

import re

from sqlalchemy import select

from app.operators.models import TourStop
from tests.factories import make_experience, make_user


def stops_of(db, tour) -> list[TourStop]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(TourStop).where(TourStop.tour_id == tour.id).order_by(TourStop.position)
        )
    )


def add(client, tour, place, offset=0, stay=120):
    return client.post(
        f"/operator/tours/{tour.id}/stops",
        data={"place": place, "offset_minutes": offset, "stay_minutes": stay},
    )


def test_a_workshop_is_chosen_by_name_from_the_villages_workshops(client, login_as, trail):
    login_as(trail.user)
    page = client.get(f"/operator/tours/{trail.tour.id}/stops").get_data(as_text=True)
    select_html = re.search(r'<select[^>]*name="place".*?</select>', page, re.S).group(0)
    assert f'<optgroup label="{trail.pottery_village.name_en}">' in select_html
    assert f'value="e:{trail.pottery.id}">Bat Trang: Throw a pot (workshop, 120 min)' in select_html
    assert f'value="v:{trail.riverside.slug}">Kim Lan: village walk' in select_html
    assert 'name="experience_id"' not in page and "Workshop id" not in page


def test_an_unknown_choice_is_refused_on_the_field(client, db, login_as, trail):
    login_as(trail.user)
    response = add(client, trail.tour, "e:999999")
    assert response.status_code == 422
    assert 'id="place-error"' in response.get_data(as_text=True)
    assert stops_of(db, trail.tour) == []


def test_an_unpublished_workshop_is_not_offered(client, db, login_as, trail):
    hidden = make_experience(village=trail.pottery_village, title_en="Secret", is_published=False)
    db.session.commit()
    login_as(trail.user)
    assert add(client, trail.tour, f"e:{hidden.id}").status_code == 422
    assert "Secret" not in client.get(f"/operator/tours/{trail.tour.id}/stops").get_data(
        as_text=True
    )


def test_a_stop_must_end_within_the_tour(client, db, login_as, trail):
    login_as(trail.user)
    response = add(client, trail.tour, f"v:{trail.riverside.slug}", offset=300, stay=120)
    assert response.status_code == 422
    assert "would end 7 h 00 after the departure, but the tour lasts 6 h 00" in response.get_data(
        as_text=True
    )


def test_a_workshop_stop_lasts_at_least_the_workshop(client, db, login_as, trail):
    login_as(trail.user)
    response = add(client, trail.tour, f"e:{trail.pottery.id}", offset=60, stay=30)
    assert response.status_code == 422
    assert "The workshop lasts 120 minutes" in response.get_data(as_text=True)


def test_stops_move_up_and_down(client, db, login_as, trail):
    login_as(trail.user)
    add(client, trail.tour, f"e:{trail.pottery.id}", offset=60)
    add(client, trail.tour, f"v:{trail.riverside.slug}", offset=200, stay=60)
    walk = stops_of(db, trail.tour)[1]
    client.post(f"/operator/stops/{walk.id}/move", data={"direction": "up"})
    assert [stop.village_id for stop in stops_of(db, trail.tour)] == [
        trail.riverside.id,
        trail.pottery_village.id,
    ]
    page = client.get(f"/operator/tours/{trail.tour.id}/stops").get_data(as_text=True)
    assert "Starts before the previous stop ends" in page  # the times now contradict the order
    client.post(f"/operator/stops/{walk.id}/move", data={"direction": "down"})
    assert stops_of(db, trail.tour)[1].id == walk.id


def test_a_stop_is_edited_by_hand(client, db, login_as, trail):
    login_as(trail.user)
    add(client, trail.tour, f"v:{trail.riverside.slug}", offset=30, stay=60)
    stop = stops_of(db, trail.tour)[0]
    form = client.get(f"/operator/stops/{stop.id}/edit").get_data(as_text=True)
    assert f'<option selected value="v:{trail.riverside.slug}">' in form
    assert "For the departure at 08:00, 60 means 09:00." in form
    response = client.post(
        f"/operator/stops/{stop.id}/edit",
        data={"place": f"e:{trail.pottery.id}", "offset_minutes": 60, "stay_minutes": 120},
    )
    assert response.status_code == 302
    edited = stops_of(db, trail.tour)[0]
    assert (edited.experience_id, edited.village_id, edited.offset_minutes) == (
        trail.pottery.id,
        trail.pottery_village.id,
        60,
    )


def test_another_operator_cannot_touch_the_stops(client, db, login_as, trail):
    login_as(trail.user)
    add(client, trail.tour, f"v:{trail.riverside.slug}", offset=30, stay=60)
    stop = stops_of(db, trail.tour)[0]
    client.post("/auth/logout")
    login_as(make_user(operator="Other Tours"))
    db.session.commit()
    for method, path in (
        ("get", f"/operator/stops/{stop.id}/edit"),
        ("post", f"/operator/stops/{stop.id}/move"),
        ("post", f"/operator/stops/{stop.id}/delete"),
        ("post", f"/operator/tours/{trail.tour.id}/propose-order"),
    ):
        assert getattr(client, method)(path).status_code == 403, path
    assert len(stops_of(db, trail.tour)) == 1
