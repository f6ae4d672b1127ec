"""The OpenAPI document covers every JSON API route (so it cannot drift from the code)."""

import re


def test_every_api_route_is_documented(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = {
        (path, method) for path, operations in spec["paths"].items() for method in operations
    }
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule.endswith("openapi.json"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        routes |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == documented


def test_spec_contract_paths_are_there(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/villages",
        "/villages/{slug}",
        "/experiences",
        "/experiences/{experience_id}/slots",
        "/plan",
        "/bookings",
        "/bookings/{reference}",
        "/bookings/{reference}/cancel",
    ):
        assert path in paths


def spec_of(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()


def parameter(operation: dict, name: str) -> dict:
    return next(p for p in operation["parameters"] if p["name"] == name)


def test_booking_answer_schema_lists_its_manage_url(client, db):
    booking = spec_of(client)["components"]["schemas"]["Booking"]
    assert booking["additionalProperties"] is False and "manage_url" in booking["properties"]


def test_paging_and_party_bounds_are_documented(client, db):
    paths = spec_of(client)["paths"]
    for path in ("/villages", "/experiences", "/tours"):
        page = parameter(paths[path]["get"], "page")["schema"]
        per_page = parameter(paths[path]["get"], "per_page")["schema"]
        assert page["minimum"] == 1 and (per_page["minimum"], per_page["maximum"]) == (1, 100)
    adults = spec_of(client)["components"]["schemas"]["BookingCreate"]["properties"]["adults"]
    assert (adults["minimum"], adults["maximum"]) == (1, 50)


def test_every_operation_documents_its_400(client, db):
    for path, operations in spec_of(client)["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], (method, path)


def test_tours_answer_400_for_a_bad_page_as_documented(client, db):
    response = client.get("/api/v1/tours?page=0")
    assert response.status_code == 400 and "page" in response.get_json()["error"]["fields"]
