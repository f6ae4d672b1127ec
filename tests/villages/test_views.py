"""The handbook pages through the test client: list, search, filters, village page, map, 404."""

import re

import pytest

from app.extensions import db as _db
from tests.factories import make_product, make_village


def names_on(page: str) -> list[str]:
    return re.findall(r'class="stretched-link[^"]*" href="/villages/([a-z0-9-]+)"', page)


@pytest.mark.parametrize("query", ["bat trang", "BÁT TRÀNG", "Bat Trang", "bát tràng", "gom su"])
def test_search_ignores_diacritics_and_case(client, seeded, query):
    page = client.get("/villages/", query_string={"q": query}).get_data(as_text=True)
    assert "bat-trang" in names_on(page)


def test_search_with_no_match_shows_an_empty_state(client, seeded):
    response = client.get("/villages/?q=zzzz")
    assert response.status_code == 200
    assert "No village matches your search" in response.get_data(as_text=True)


def test_search_treats_percent_and_underscore_literally(client, seeded):
    assert names_on(client.get("/villages/?q=%25").get_data(as_text=True)) == []
    assert names_on(client.get("/villages/?q=_").get_data(as_text=True)) == []


def test_list_is_paginated_and_keeps_filters_in_page_links(client, seeded):
    first = client.get("/villages/?per_page=12").get_data(as_text=True)
    last = client.get("/villages/?per_page=12&page=12").get_data(as_text=True)
    assert len(names_on(first)) == 12 and len(names_on(last)) == 7
    assert "139 villages found" in first
    filtered = client.get("/villages/?craft=ceramics&per_page=1").get_data(as_text=True)
    assert "craft=ceramics" in filtered and "page=2" in filtered


def test_craft_filter_matches_a_second_craft_and_bracketed_ones(client, seeded):
    fans = names_on(client.get("/villages/?craft=fans").get_data(as_text=True))
    assert fans == ["canh-hoach", "chang-son"]
    woodwork = names_on(client.get("/villages/?craft=woodwork&per_page=50").get_data(as_text=True))
    assert {"chang-son", "son-dong", "du-du", "van-ha"} <= set(woodwork)


def test_district_filter(client, seeded):
    slugs = names_on(
        client.get("/villages/", query_string={"district": "Gia Lâm"}).get_data(as_text=True)
    )
    assert sorted(slugs) == [
        "bat-trang", "giang-cao", "kieu-ky", "kim-lan", "ninh-giang", "phu-dong"
    ]  # fmt: skip


def test_ocop_filter_lists_only_villages_with_rated_products(client, db):
    make_village(slug="rated", products=[{"name_en": "Tea set", "ocop_stars": 4}])
    make_village(slug="unrated", products=[{"name_en": "Bowl"}])
    db.session.commit()
    page = client.get("/villages/?ocop=1").get_data(as_text=True)
    assert names_on(page) == ["rated"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_page=-1", "per_page"),
        ("per_page=1000", "per_page"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("craft=<script>alert(1)</script>", "craft"),
    ],
)
def test_bad_list_parameters_get_a_clear_400(client, seeded, query, field):
    response = client.get(f"/villages/?{query}")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert f"<code>{field}</code>" in body
    assert "<script>alert(1)</script>" not in body


def test_village_page_shows_description_products_contact_and_map(client, seeded):
    page = client.get("/villages/bat-trang").get_data(as_text=True)
    assert "Làng gốm sứ Bát Tràng" in page
    assert "tea sets" in page
    assert "Opening hours" in page or "Giờ mở cửa" in page
    assert 'class="folium-map"' in page
    assert 'id="approximate-note"' not in page


def test_coarse_point_says_approximate_location(client, seeded):
    page = client.get("/villages/van-phuc", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert 'id="approximate-note"' in page and "Approximate location" in page


def test_village_without_a_point_is_listed_but_not_mapped(client, seeded):
    listed = names_on(client.get("/villages/?q=y la weaving dyeing").get_data(as_text=True))
    assert "y-la" in listed
    page = client.get("/villages/y-la").get_data(as_text=True)
    assert 'id="no-location"' in page and "folium-map" not in page
    features = client.get("/api/v1/villages.geojson").get_json()["features"]
    assert "y-la" not in {feature["properties"]["slug"] for feature in features}


def test_unknown_village_gets_the_404_page(client, seeded):
    response = client.get("/villages/no-such-village")
    assert response.status_code == 404
    assert "404" in response.get_data(as_text=True)
    assert client.get("/nowhere").status_code == 404


def test_unpublished_village_is_hidden(client, db):
    make_village(slug="hidden", is_published=False)
    _db.session.commit()
    assert client.get("/villages/hidden").status_code == 404
    assert "hidden" not in names_on(client.get("/villages/").get_data(as_text=True))


def test_user_text_is_escaped_on_the_page_and_in_map_popups(client, db):
    payload = "<img src=x onerror=alert(1)>`${alert(2)}`"
    make_village(
        slug="xss",
        name_vi=payload,
        name_en=payload,
        description_en=payload,
        products=[make_product(name_en=payload)],
    )
    _db.session.commit()
    for url in ("/villages/xss", "/", "/villages/"):
        body = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in body, url
        for script in re.findall(r"<script nonce=[^>]*>(.*?)</script>", body, re.S):
            assert "${alert" not in script and "`${" not in script, url


def test_home_page_is_a_map_shell_that_loads_villages_from_the_api(client, seeded):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'data-villages-url="/api/v1/villages.geojson"' in page
    assert "L.marker(" not in page and "127 on the map" in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assets = [url for url in sources if url.endswith((".js", ".css"))]
    assert assets and all(url.startswith("/") for url in assets)
    assert "/static/js/village-map.js" in assets
    assert "cdn" not in page.lower()


def test_the_geojson_holds_every_mapped_published_village(client, seeded):
    response = client.get("/api/v1/villages.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    body = response.get_json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 127
    [bat_trang] = [f for f in body["features"] if f["properties"]["slug"] == "bat-trang"]
    assert bat_trang["geometry"] == {"type": "Point", "coordinates": [105.917, 20.983]}
    assert bat_trang["properties"]["approximate"] is False
    assert bat_trang["properties"]["url"] == "/villages/bat-trang"
    assert body["crafts"]["ceramics"] == {"vi": "Gốm sứ", "en": "ceramics"}
    assert "y-la" not in {f["properties"]["slug"] for f in body["features"]}


def test_the_geojson_craft_filter(client, seeded):
    body = client.get("/api/v1/villages.geojson?craft=lacquer").get_json()
    assert {f["properties"]["slug"] for f in body["features"]} == {"ha-thai", "boi-khe", "my-van"}
    assert client.get("/api/v1/villages.geojson?craft=nonsense").status_code == 400
    assert client.get("/?craft=nonsense").status_code == 400


def test_the_geojson_answers_304_while_unchanged_and_changes_with_the_data(client, seeded, db):
    first = client.get("/api/v1/villages.geojson")
    tag = first.headers["ETag"]
    assert "no-cache" in first.headers["Cache-Control"]
    again = client.get("/api/v1/villages.geojson", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    make_village(slug="second-lacquer", craft="lacquer")
    db.session.commit()
    changed = client.get("/api/v1/villages.geojson", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert len(changed.get_json()["features"]) == 128


def test_language_switch_is_remembered(client, seeded):
    response = client.get("/language/en?next=/villages/bat-trang")
    assert response.status_code == 302 and response.location.endswith("/villages/bat-trang")
    page = client.get("/villages/bat-trang").get_data(as_text=True)
    assert '<html lang="en">' in page and "Bat Trang Ceramic Village" in page
    client.get("/language/vi")
    assert '<html lang="vi">' in client.get("/villages/").get_data(as_text=True)


def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.get("/language/en?next=https://evil.example/")
    assert response.location.endswith("/")
    assert client.get("/language/fr").status_code == 400


def test_security_headers_are_set(client):
    headers = client.get("/villages/").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self' 'nonce-" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/vendor/leaflet/leaflet.js", 200),
        ("/vendor/bootstrap/css/bootstrap.min.css", 200),
        ("/vendor/leaflet/../package.json", 404),
        ("/vendor/left-pad/index.js", 404),
    ],
)
def test_vendor_assets_are_served_and_nothing_else_from_node_modules(client, path, status):
    with client.get(path) as response:
        assert response.status_code == status


def test_pages_follow_the_browser_language_until_one_is_chosen(client, seeded):
    vietnamese = client.get("/villages/", headers={"Accept-Language": "vi-VN,vi;q=0.9"})
    assert "Tìm thấy 139 làng" in vietnamese.get_data(as_text=True)
    english = client.get("/villages/", headers={"Accept-Language": "en-GB"})
    assert "139 villages found" in english.get_data(as_text=True)
    client.get("/language/vi")
    chosen = client.get("/villages/", headers={"Accept-Language": "en-GB"})
    assert "Tìm thấy 139 làng" in chosen.get_data(as_text=True)
