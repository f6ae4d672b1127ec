"""The input boundary: a NUL character, broken Unicode or endless JSON nesting is a 400 that
names the field, through every door (on SQLite and PostgreSQL, where a NUL used to be a 500)."""

import pytest

from tests.factories import make_slot

CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "+84 912 345 678"}
BOOKING_FORM = {"name": "Mai", "email": "mai@example.com", "phone": "0912345678", "adults": "2",
                "children": "0", "note": "", "form_token": "x" * 20}  # fmt: skip

GET_DOORS = [
    ("/villages/?q=%00", "q"),
    ("/api/v1/villages?q=a%00b", "q"),
    ("/api/v1/villages?district=%00", "district"),
    ("/workshops/?q=%00", "q"),
    ("/api/v1/experiences?village=%00", "village"),
    ("/villages/bat-trang%00", "path"),
    ("/api/v1/villages/x%00", "path"),
    ("/api/v1/bookings/LN-1?token=%00", "token"),
    ("/plan/?date=2030-01-01&crafts=%00", "crafts"),
]


@pytest.mark.parametrize(("url", "field"), GET_DOORS)
def test_nul_in_a_query_or_path_is_a_400_naming_the_field(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert field in response.get_data(as_text=True)


def test_nul_in_the_api_answer_names_the_field_in_fields(client):
    error = client.get("/api/v1/villages?q=%00").get_json()["error"]
    assert error["code"] == "bad_character" and "q" in error["fields"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/api/v1/bookings",
            {"slot_ids": [1], "adults": 1, "contact": {**CONTACT, "name": "Mai\x00"}},
            "contact.name",
        ),  # fmt: skip
        (
            "/api/v1/bookings",
            {"slot_ids": [1], "adults": 1, "contact": CONTACT, "note\x00": "x"},
            "note\\0",
        ),  # fmt: skip
        (
            "/api/v1/plan",
            {
                "date": "2030-01-01",
                "start": {"lat": 21, "lon": 105},
                "party": 2,
                "villages": ["bat-trang", "\x00"],
            },
            "villages.1",
        ),  # fmt: skip
    ],
)
def test_nul_in_a_json_body_is_a_400_naming_the_field(client, path, body, field):
    response = client.post(path, json=body)
    assert response.status_code == 400
    assert field in response.get_json()["error"]["fields"]


def test_a_lone_surrogate_in_json_is_a_400_not_a_database_error(client, db):
    slot = make_slot()
    db.session.commit()
    contact = '{"name": "\\ud800", "email": "mai@example.com", "phone": "0912345678"}'
    body = f'{{"slot_ids": [{slot.id}], "adults": 1, "contact": {contact}}}'
    response = client.post("/api/v1/bookings", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "contact.name" in response.get_json()["error"]["fields"]


def test_json_nested_a_hundred_thousand_deep_is_a_400(client):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/plan", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_json"


def test_json_nested_past_the_limit_is_a_400_saying_so(client):
    body = '{"a": ' * 40 + "1" + "}" * 40
    response = client.post("/api/v1/plan", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "too_deep"


@pytest.mark.parametrize(
    ("path", "form", "field"),
    [
        ("/auth/login", {"email": "a\x00@example.com", "password": "x"}, "email"),
        (
            "/auth/register",
            {"email": "a@example.com", "name": "\x00", "password": "p" * 12, "confirm": "p" * 12},
            "name",
        ),  # fmt: skip
        ("/auth/reset", {"email": "\x00"}, "email"),
        ("/bookings/new?slot_id={slot}", {**BOOKING_FORM, "name": "Mai\x00"}, "name"),
        ("/plan/save", {"date": "2030-01-01", "place": "hoan-kiem\x00"}, "place"),
    ],
)
def test_nul_in_a_form_is_a_400_naming_the_field(client, db, path, form, field):
    slot = make_slot()
    db.session.commit()
    response = client.post(path.format(slot=slot.id), data=form)
    assert response.status_code == 400
    assert field in response.get_data(as_text=True)
