"""The manifests' CSV (host slot and operator departure): formula-safe, phones left readable."""

import csv
import io

import pytest

from tests.factories import make_departure, make_slot, make_user

CONTACT = {"name": '=HYPERLINK("http://evil.example","Lan")', "email": "lan@example.com",
           "phone": "+44 20 7946 0000"}  # fmt: skip


def rows(response) -> list[dict]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture()
def slot_manifest(client, db, login_as):
    slot = make_slot()
    host = make_user(villages=[slot.experience.village])
    db.session.commit()
    client.post("/api/v1/bookings", json={"slot_ids": [slot.id], "adults": 1, "contact": CONTACT})
    login_as(host)
    return rows(client.get(f"/host/bookings/slots/{slot.id}/manifest.csv"))


@pytest.fixture()
def departure_manifest(client, db, login_as):
    departure = make_departure()
    operator = make_user(operator=departure.tour.operator.name)
    db.session.commit()
    client.post(
        "/api/v1/bookings", json={"departure_id": departure.id, "adults": 1, "contact": CONTACT}
    )
    login_as(operator)
    return rows(client.get(f"/operator/departures/{departure.id}/manifest.csv"))


@pytest.mark.parametrize("manifest", ["slot_manifest", "departure_manifest"])
def test_manifest_phone_with_a_plus_is_written_as_is(request, client, manifest):
    (row,) = request.getfixturevalue(manifest)
    assert row["phone"] == "+44 20 7946 0000"


@pytest.mark.parametrize("manifest", ["slot_manifest", "departure_manifest"])
def test_manifest_name_that_is_a_formula_gets_an_apostrophe(request, client, manifest):
    (row,) = request.getfixturevalue(manifest)
    assert row["name"] == "'" + CONTACT["name"]
