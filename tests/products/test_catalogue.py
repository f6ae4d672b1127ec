"""The online showroom: /products/ with its filters, one product, and GET /api/v1/products."""

import csv
import io
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db as _db
from app.villages.models import Product
from tests.factories import make_product, make_village

DATA = Path(__file__).resolve().parents[2] / "data" / "hanoi_craft_villages.csv"


def slugs_on(page: str) -> list[str]:
    return re.findall(r'href="/products/(\d+)"', page)


@pytest.fixture()
def shop(db):
    """Three villages: rated and priced products, one hidden village."""
    silk = make_village(
        slug="silk", craft="silk/weaving", address="12 Silk Street", shop_url="https://shop.example",
        products=[
            make_product(name_en="Scarf", name_vi="Khăn lụa", description_en="Soft silk.",
                         description_vi="Lụa mềm.", ocop_stars=5, ocop_year=2024,
                         is_ip_protected=True, price_vnd=450_000),
            make_product(name_en="Fabric", price_vnd=120_000),
        ],
    )  # fmt: skip
    pots = make_village(
        slug="pots", craft="ceramics",
        products=[make_product(name_en="Vase", ocop_stars=3, price_vnd=900_000),
                  make_product(name_en="Bowl", ocop_stars=4)],
    )  # fmt: skip
    make_village(slug="hidden", is_published=False, products=[make_product(name_en="Secret")])
    _db.session.commit()
    return {"silk": silk, "pots": pots}


def names(client, **query) -> list[str]:
    body = client.get("/api/v1/products", query_string=query).get_json()
    return [item["name_en"] for item in body["items"]]


def test_the_catalogue_lists_every_product_of_the_data_set(client, db, seeded):
    rows = csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8")))
    expected = sum(
        len([name for name in row["products"].split(";") if name.strip()]) for row in rows
    )
    assert db.session.scalar(select(func.count(Product.id))) == expected == 249
    page = client.get("/products/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "249 products" in page


def test_rated_products_come_first_and_hidden_villages_are_left_out(client, shop):
    assert names(client) == ["Scarf", "Bowl", "Vase", "Fabric"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"craft": "ceramics"}, ["Bowl", "Vase"]),
        ({"village": "silk"}, ["Scarf", "Fabric"]),
        ({"village_name": "LANG THU"}, ["Scarf", "Bowl", "Vase", "Fabric"]),
        ({"village_name": "Bát Tràng zzz"}, []),
        ({"ocop": 4}, ["Scarf", "Bowl"]),
        ({"min_price": 200_000}, ["Scarf", "Vase"]),
        ({"max_price": 500_000}, ["Scarf", "Fabric"]),
        ({"min_price": 100_000, "max_price": 500_000, "ocop": 5}, ["Scarf"]),
    ],
)
def test_the_filters(client, shop, query, expected):
    assert names(client, **query) == expected
    page = client.get("/products/", query_string=query).get_data(as_text=True)
    assert len(slugs_on(page)) == len(expected)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("ocop=2", "ocop"),
        ("ocop=x", "ocop"),
        ("min_price=-5", "min_price"),
        ("craft=nonsense", "craft"),
        ("per_page=1000", "per_page"),
    ],
)
def test_bad_filters_get_a_clear_400(client, shop, query, field):
    response = client.get(f"/api/v1/products?{query}")
    assert response.status_code == 400
    assert field in response.get_json()["error"]["fields"]
    assert client.get(f"/products/?{query}").status_code == 400


def test_price_range_upside_down_is_a_422_naming_the_field(client, shop):
    """Both prices are well-formed: the range breaks a rule the API document states as 422."""
    query = "min_price=900&max_price=100"
    response = client.get(f"/api/v1/products?{query}")
    assert response.status_code == 422
    assert "min_price" in response.get_json()["error"]["fields"]
    assert client.get(f"/products/?{query}").status_code == 400  # the page keeps its 400


def test_a_product_page_says_what_it_is_and_where_to_buy_it(client, shop):
    scarf = shop["silk"].products[0]
    page = client.get(f"/products/{scarf.id}", headers={"Accept-Language": "en"})
    body = page.get_data(as_text=True)
    assert "Scarf" in body and "Khăn lụa" in body
    assert "Soft silk." in body and "Lụa mềm." in body
    assert "OCOP ★★★★★ · 2024" in body and "IP protected" in body
    assert "450.000 ₫" in body
    assert "12 Silk Street" in body and 'href="https://shop.example"' in body


def test_a_product_page_in_vietnamese(client, shop):
    client.get("/language/vi")
    scarf = shop["silk"].products[0]
    body = client.get(f"/products/{scarf.id}").get_data(as_text=True)
    assert '<h1 class="h2 mb-1">Khăn lụa</h1>' in body and "Nơi mua" in body


def test_a_product_of_a_hidden_village_is_not_found(client, db, shop):
    secret = db.session.scalar(select(Product).where(Product.name_en == "Secret"))
    assert client.get(f"/products/{secret.id}").status_code == 404
    assert client.get("/products/999999").status_code == 404


def test_the_api_item_names_its_village_and_crafts(client, shop):
    [scarf] = client.get("/api/v1/products?ocop=5").get_json()["items"]
    assert (scarf["village"], scarf["crafts"]) == ("silk", ["silk-weaving"])
    assert (scarf["ocop_stars"], scarf["ocop_year"], scarf["price_vnd"]) == (5, 2024, 450_000)


def test_the_openapi_document_describes_products(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/products"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"craft", "village", "ocop", "page",
                                                             "per_page"}  # fmt: skip
    assert "CatalogueProduct" in spec["components"]["schemas"]
