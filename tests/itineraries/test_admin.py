"""Admins edit the routes: create, change villages and texts, refuse bad stops, delete."""

import pytest
from sqlalchemy import select

from app.itineraries.models import Itinerary
from tests.factories import make_user

FORM = {
    "slug": "lacquer-day",
    "title_vi": "Một ngày sơn mài",
    "title_en": "A lacquer day",
    "summary_en": "Lacquer and gold leaf.",
    "story_en": "First paragraph.\n\nSecond paragraph.",
    "start_place": "hoan-kiem",
    "position": "3",
    "has_lunch": "y",
    "is_published": "y",
    "stops": "ha-thai | Try lacquer. | Thử vẽ sơn mài.\nkieu-ky",
}


@pytest.fixture()
def admin(db, seeded, login_as):
    user = make_user(role="admin", email="routes@example.com")
    db.session.commit()
    return login_as(user)


def route(db, slug: str) -> Itinerary | None:
    db.session.expire_all()
    return db.session.scalar(select(Itinerary).where(Itinerary.slug == slug))


def test_an_admin_creates_a_route_that_is_then_public(client, db, admin):
    response = client.post("/admin/routes/new", data=FORM)
    assert response.status_code == 302
    created = route(db, "lacquer-day")
    assert [stop.village.slug for stop in created.stops] == ["ha-thai", "kieu-ky"]
    assert created.stops[0].note_vi == "Thử vẽ sơn mài."
    page = client.get("/routes/lacquer-day", headers={"Accept-Language": "en"})
    assert "Second paragraph." in page.get_data(as_text=True)


def test_an_admin_edits_the_villages_of_a_route(client, db, admin):
    client.post("/admin/routes/new", data=FORM)
    created = route(db, "lacquer-day")
    form = client.get(f"/admin/routes/{created.id}/edit").get_data(as_text=True)
    assert "ha-thai | Try lacquer. | Thử vẽ sơn mài." in form
    changed = {**FORM, "stops": "chuong\nha-thai\nquat-dong", "title_en": "Hats and lacquer"}
    assert client.post(f"/admin/routes/{created.id}/edit", data=changed).status_code == 302
    edited = route(db, "lacquer-day")
    assert [stop.village.slug for stop in edited.stops] == ["chuong", "ha-thai", "quat-dong"]
    assert edited.title_en == "Hats and lacquer"


@pytest.mark.parametrize(
    ("stops", "message"),
    [
        ("ha-thai", "A route has 2 to 6 villages."),
        ("ha-thai\nha-thai", "A village appears twice."),
        ("Hạ Thái\nkieu-ky", "Each line is: village-slug"),
        ("ha-thai\natlantis", "unknown village: atlantis"),
        ("ha-thai\ny-la", "y-la has no point on the map"),
    ],
)
def test_bad_stops_are_refused_naming_the_problem(client, db, admin, stops, message):
    response = client.post("/admin/routes/new", data={**FORM, "stops": stops})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert route(db, "lacquer-day") is None


def test_a_slug_in_use_is_refused(client, db, admin):
    client.post("/admin/routes/new", data=FORM)
    response = client.post("/admin/routes/new", data={**FORM, "title_en": "Again"})
    assert response.status_code == 422
    assert "Another route already uses this address." in response.get_data(as_text=True)


def test_an_admin_deletes_a_route(client, db, admin):
    client.post("/admin/routes/new", data=FORM)
    created = route(db, "lacquer-day")
    assert client.post(f"/admin/routes/{created.id}/delete").status_code == 302
    assert route(db, "lacquer-day") is None
    assert client.get("/routes/lacquer-day").status_code == 404


def test_only_admins_edit_routes(client, db, seeded, login_as):
    assert client.get("/admin/routes/").status_code == 302
    login_as(make_user(email="host@example.com", role="host"))
    assert client.get("/admin/routes/").status_code == 403
    assert client.post("/admin/routes/new", data=FORM).status_code == 403
    assert route(db, "lacquer-day") is None
