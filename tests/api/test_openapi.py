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
