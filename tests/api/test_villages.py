"""GET /api/v1/villages and /api/v1/villages/<slug>, and the OpenAPI document."""

import pytest


def test_list_has_the_spec_shape(client, seeded):
    body = client.get("/api/v1/villages?per_page=5").get_json()
    assert body["total"] == 139 and len(body["items"]) == 5
    assert set(body["items"][0]) >= {
        "id",
        "slug",
        "name_vi",
        "name_en",
        "craft",
        "district",
        "lat",
        "lon",
    }


def test_list_search_and_filters(client, seeded):
    found = client.get("/api/v1/villages", query_string={"q": "BAT TRANG"}).get_json()
    assert [item["slug"] for item in found["items"]] == ["bat-trang", "giang-cao"]
    silk = client.get("/api/v1/villages?craft=silk-weaving").get_json()
    assert {item["slug"] for item in silk["items"]} == {"van-phuc", "y-la", "phung-xa-my-duc"}
    district = client.get("/api/v1/villages", query_string={"district": "Thanh Oai"}).get_json()
    assert all(item["district"] == "Thanh Oai" for item in district["items"])
    assert district["total"] >= 3


def test_village_without_a_point_has_null_coordinates(client, seeded):
    body = client.get("/api/v1/villages?q=nhat tan").get_json()
    assert body["items"][0]["lat"] is None and body["items"][0]["lon"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_page=-1", "per_page"),
        ("per_page=x", "per_page"),
        ("page=0", "page"),
        ("craft=<script>", "craft"),
        ("q=" + "a" * 101, "q"),
    ],
)
def test_bad_parameters_get_the_error_format(client, seeded, query, field):
    response = client.get(f"/api/v1/villages?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] and error["message"] and field in error["fields"]


def test_detail_has_every_data_column_both_descriptions_and_products(client, seeded):
    body = client.get("/api/v1/villages/van-phuc").get_json()
    for column in (
        "slug",
        "name_vi",
        "name_en",
        "craft",
        "district",
        "commune",
        "lat",
        "lon",
        "products",
        "description_en",
        "description_vi",
        "coord_source",
        "coord_precision",
        "products_vi",
        "recognition",
        "recognition_source",
    ):
        assert column in body
    assert body["coord_precision"] == "new-commune" and body["is_approximate"] is True
    assert any(product["name_en"] == "scarves" for product in body["product_list"])
    assert body["experiences"] == []


def test_unknown_slug_is_a_json_404(client, seeded):
    response = client.get("/api/v1/villages/atlantis")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "unknown_village"
    assert client.get("/api/v1/nothing-here").get_json()["error"]["code"] == "not_found"


def test_wrong_method_is_a_json_405(client):
    response = client.post("/api/v1/villages")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_openapi_document_describes_the_village_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/villages", "/villages/{slug}"} <= set(spec["paths"])
    assert "Village" in spec["components"]["schemas"]
