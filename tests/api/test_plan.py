"""POST /api/v1/plan: the SPEC §3 shape, feasibility on the demo data, and errors naming fields."""

from datetime import timedelta

import pytest

from app.timeutil import to_local, utcnow
from tests.trips.helpers import next_weekday

HOAN_KIEM = {"lat": 21.0287, "lon": 105.8524}


def body(**changes) -> dict:
    saturday = next_weekday(5, to_local(utcnow()).date())
    return {"date": saturday.isoformat(), "start": HOAN_KIEM, "party": 2, "lunch": True, **changes}


def test_plan_has_the_spec_shape(client, demo):
    response = client.post("/api/v1/plan", json=body())
    assert response.status_code == 200
    answer = response.get_json()
    assert set(answer) >= {"stops", "legs", "totals", "unplaced"}
    assert set(answer["totals"]) >= {"km", "travel_minutes", "price_vnd", "score"}
    assert len(answer["legs"]) == len(answer["stops"]) + 1
    for stop in answer["stops"]:
        assert set(stop) >= {"kind", "village", "experience_id", "slot_id", "arrive", "start",
                             "end", "depart"}  # fmt: skip
        assert stop["arrive"] <= stop["start"] <= stop["end"] <= stop["depart"]
        assert stop["start"].endswith("+07:00")


def test_slots_in_the_plan_have_room(client, demo):
    stops = client.post("/api/v1/plan", json=body(party=5)).get_json()["stops"]
    for stop in (stop for stop in stops if stop["slot_id"]):
        slots = client.get(
            f"/api/v1/experiences/{stop['experience_id']}/slots",
            query_string={"from": stop["start"][:10], "to": stop["start"][:10]},
        ).get_json()
        [slot] = [slot for slot in slots if slot["id"] == stop["slot_id"]]
        assert slot["remaining"] >= 5 and slot["starts_at"] == stop["start"]


def test_pinned_workshop_appears_or_is_explained(client, demo):
    experiences = client.get("/api/v1/experiences?per_page=50").get_json()["items"]
    for experience in experiences[:6]:
        answer = client.post("/api/v1/plan", json=body(pinned=[experience["id"]])).get_json()
        placed = {stop["experience_id"] for stop in answer["stops"]}
        explained = {item["id"] for item in answer["unplaced"] if item["reason"]}
        assert experience["id"] in placed | explained


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"day_start": "17:00", "day_end": "09:00"}, 422, "day_end"),
        ({"start": {"lat": 48.85, "lon": 2.35}}, 422, "start"),
        ({"mode": "plane"}, 400, "mode"),
        ({"party": 0}, 400, "party"),
        ({"date": "2020-01-01"}, 422, "date"),
        ({"start": {"lat": 21.0}}, 400, "start.lon"),
        ({"day_start": "8 am"}, 400, "day_start"),
        ({"surprise": 1}, 400, "surprise"),
    ],
)
def test_bad_input_names_the_field(client, seeded, changes, status, field):
    response = client.post("/api/v1/plan", json=body(**changes))
    assert response.status_code == status
    assert field in response.get_json()["error"]["fields"]


def test_yesterday_is_in_the_past(client, seeded):
    yesterday = to_local(utcnow()).date() - timedelta(days=1)
    response = client.post("/api/v1/plan", json=body(date=yesterday.isoformat()))
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "past_date"


def test_body_must_be_json(client, seeded):
    response = client.post("/api/v1/plan", data="date=tomorrow")
    assert response.status_code == 400 and "body" in response.get_json()["error"]["fields"]


def test_openapi_describes_plan(client, seeded):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "post" in spec["paths"]["/plan"]
    assert "PlanRequest" in spec["components"]["schemas"]
