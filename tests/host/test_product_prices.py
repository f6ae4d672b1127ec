"""Hosts give a product a price and the year of its OCOP rating; the showroom shows them."""

import pytest

from tests.host.test_products import post_new, product_form, product_named


def test_a_host_sets_the_price_and_ocop_year_shown_in_the_showroom(client, login_as, villages):
    login_as(villages["host"])
    response = post_new(client, "bat-trang", product_form(price_vnd="250000", ocop_year="2023"))
    assert response.status_code == 302
    bowl = product_named("Blue bowl")
    assert (bowl.price_vnd, bowl.ocop_year, bowl.ocop_stars) == (250_000, 2023, 4)
    page = client.get(f"/products/{bowl.id}", headers={"Accept-Language": "en"})
    assert "250.000 ₫" in page.get_data(as_text=True)
    assert "OCOP ★★★★ · 2023" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ocop_year": "2010"}, "Number must be between 2018 and 2100."),
        ({"ocop_year": "2024", "ocop_stars": ""}, "Give the OCOP stars for this year"),
        ({"price_vnd": "-1"}, "Number must be between 0 and 2000000000."),
    ],
)
def test_a_bad_price_or_year_is_refused_naming_the_field(
    client, login_as, villages, fields, message
):
    login_as(villages["host"])
    response = post_new(client, "bat-trang", product_form(**fields))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert product_named("Blue bowl") is None
