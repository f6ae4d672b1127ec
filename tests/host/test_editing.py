"""The editing services called directly, as the API or CLI would: ownership and the point."""

from datetime import UTC, datetime

import pytest

from app.errors import Forbidden, Invalid
from app.villages import editing

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def request_context(app, db):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def test_set_location_by_its_host_makes_the_point_exact(villages):
    village = editing.set_location("bat-trang", villages["host"], 20.9801, 105.9102, now=NOW)
    assert (village.lat, village.lon, village.coord_precision) == (20.9801, 105.9102, "village")
    assert village.coord_source == "Set on the map by the village host on 2025-03-01 09:30 UTC."


def test_set_location_of_another_village_is_forbidden(villages):
    with pytest.raises(Forbidden):
        editing.set_location("van-phuc", villages["host"], 20.9, 105.7, now=NOW)
    assert villages["van_phuc"].coord_precision == "commune"


def test_a_point_outside_vietnam_is_refused_naming_the_field(villages):
    with pytest.raises(Invalid) as refused:
        editing.set_location("bat-trang", villages["host"], 48.85, 105.9, now=NOW)
    assert set(refused.value.fields) == {"lat"}


def test_a_javascript_link_is_refused_by_the_service_too(villages):
    with pytest.raises(Invalid) as refused:
        editing.update_village("bat-trang", villages["host"], {"website_url": "javascript:x"})
    assert set(refused.value.fields) == {"website_url"}


def test_a_guest_may_not_edit(villages):
    with pytest.raises(Forbidden):
        editing.update_village("bat-trang", None, {"name_en": "Guest"})
