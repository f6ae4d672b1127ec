"""The host's dashboard and village edit form through the test client: ownership, validation,
the map point, CSRF and escaping of what a host types."""

import re

from sqlalchemy import select

from app.extensions import db as _db
from app.villages.models import Village
from tests.factories import make_user, make_village

EDIT = "/host/villages/{}/edit"


def form_of(village: Village, **changes) -> dict:
    """The edit form as the browser would post it, with `changes` applied."""
    fields = ("name_vi", "name_en", "description_en", "description_vi", "history_en",
              "history_vi", "opening_hours", "contact_phone", "contact_email", "address",
              "video_url", "website_url", "shop_url", "showroom_url",
              "recognition_status")  # fmt: skip
    data = {name: getattr(village, name) or "" for name in fields}
    data.update(lat=str(village.lat), lon=str(village.lon))
    return {**data, **changes}


def reloaded(slug: str) -> Village:
    _db.session.expire_all()
    return _db.session.scalar(select(Village).where(Village.slug == slug))


def test_visitor_gets_403_at_the_dashboard(client, login_as, db):
    login_as(make_user())
    assert client.get("/host/").status_code == 403


def test_guest_is_sent_to_log_in(client, db):
    response = client.get("/host/")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_dashboard_lists_only_the_hosts_villages(client, login_as, villages):
    login_as(villages["host"])
    page = client.get("/host/").get_data(as_text=True)
    assert EDIT.format("bat-trang") in page
    assert "/host/villages/bat-trang/products/" in page
    assert "van-phuc" not in page


def test_dashboard_of_a_host_without_village_shows_an_empty_state(client, login_as, db):
    login_as(make_user(role="host"))
    page = client.get("/host/").get_data(as_text=True)
    assert 'id="no-villages"' in page and "You do not host any village yet" in page


def test_admin_sees_every_village_paginated(client, login_as, db):
    for number in range(25):
        make_village(slug=f"v-{number:02d}")
    login_as(make_user(role="admin"))
    first = client.get("/host/").get_data(as_text=True)
    second = client.get("/host/?page=2").get_data(as_text=True)
    assert first.count("Edit village") == 20 and second.count("Edit village") == 5
    assert EDIT.format("v-24") in second


def test_host_edits_own_village(client, login_as, villages):
    login_as(villages["host"])
    data = form_of(villages["bat_trang"], name_en="Bat Trang Pottery Village",
                   opening_hours="8:00–17:00", website_url="https://battrang.vn")  # fmt: skip
    response = client.post(EDIT.format("bat-trang"), data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "Saved: visitors now see the new details." in response.get_data(as_text=True)
    village = reloaded("bat-trang")
    assert village.name_en == "Bat Trang Pottery Village"
    assert village.opening_hours == "8:00–17:00" and village.website_url == "https://battrang.vn"
    assert "pottery" in village.search_text


def test_host_cannot_open_or_change_another_village(client, login_as, villages):
    login_as(villages["host"])
    before = reloaded("van-phuc").name_en
    assert client.get(EDIT.format("van-phuc")).status_code == 403
    data = form_of(villages["van_phuc"], name_en="Hacked", lat="21.5", lon="105.5")
    assert client.post(EDIT.format("van-phuc"), data=data).status_code == 403
    village = reloaded("van-phuc")
    assert village.name_en == before and village.coord_precision == "commune"


def test_unknown_village_is_404(client, login_as, villages):
    login_as(villages["host"])
    assert client.get(EDIT.format("nowhere")).status_code == 404


def test_admin_may_edit_any_village(client, login_as, villages):
    login_as(make_user(role="admin"))
    data = form_of(villages["van_phuc"], name_en="Van Phuc Silk Village")
    assert client.post(EDIT.format("van-phuc"), data=data).status_code == 302
    assert reloaded("van-phuc").name_en == "Van Phuc Silk Village"


def test_moving_the_point_makes_it_exact_and_says_the_host_set_it(client, login_as, villages):
    login_as(make_user(role="admin", email="a@example.com"))
    data = form_of(villages["van_phuc"], lat="20.972150", lon="105.773420")
    assert client.post(EDIT.format("van-phuc"), data=data).status_code == 302
    village = reloaded("van-phuc")
    assert (village.lat, village.lon) == (20.97215, 105.77342)
    assert village.coord_precision == "village"
    assert re.match(r"Set on the map by the village host on \d{4}-\d\d-\d\d", village.coord_source)


def test_saving_the_same_point_keeps_its_precision_and_source(client, login_as, villages):
    login_as(make_user(role="admin"))
    source = reloaded("van-phuc").coord_source
    assert (
        client.post(EDIT.format("van-phuc"), data=form_of(villages["van_phuc"])).status_code == 302
    )
    village = reloaded("van-phuc")
    assert village.coord_precision == "commune" and village.coord_source == source


def test_bad_values_are_named_and_nothing_is_saved(client, login_as, villages):
    login_as(villages["host"])
    data = form_of(villages["bat_trang"], name_en="Changed", website_url="javascript:alert(1)",
                   contact_email="not-an-email", lat="48.85", lon="2.35", name_vi="")  # fmt: skip
    response = client.post(EDIT.format("bat-trang"), data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    summary = page[page.index('id="error-summary"') :]
    for label in ("Website", "Email", "Latitude", "Longitude", "Name in Vietnamese"):
        assert f">{label}</a>" in summary, label
    assert "Only http:// and https:// links are accepted." in page
    village = reloaded("bat-trang")
    assert village.name_en == "Bat Trang" and village.website_url == ""


def test_a_point_needs_both_coordinates(client, login_as, villages):
    login_as(villages["host"])
    data = form_of(villages["bat_trang"], lat="21.0", lon="")
    page = client.post(EDIT.format("bat-trang"), data=data).get_data(as_text=True)
    assert "Give both latitude and longitude, or neither." in page


def test_edit_page_wires_the_location_picker_to_the_map(client, login_as, villages):
    login_as(villages["host"])
    page = client.get(EDIT.format("bat-trang")).get_data(as_text=True)
    box = re.search(r'data-map="(map_\w+)" data-marker="(marker_\w+)"', page)
    assert box, "the picker names the folium map and marker"
    assert f"var {box[1]} = L.map(" in page and f"var {box[2]} = L.marker(" in page
    assert '"draggable": true' in page
    assert 'name="lat"' in page and 'name="lon"' in page
    assert "/static/js/location-picker.js" in page


def test_edit_form_without_csrf_token_is_refused(app, client, login_as, villages, monkeypatch):
    login_as(villages["host"])
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    data = form_of(villages["bat_trang"], name_en="No token")
    response = client.post(EDIT.format("bat-trang"), data=data)
    assert response.status_code == 400
    assert reloaded("bat-trang").name_en == "Bat Trang"


def test_text_a_host_types_is_escaped_on_the_village_page_and_map(client, login_as, villages):
    payload = "<img src=x onerror=alert(1)>`${alert(2)}`"
    login_as(villages["host"])
    data = form_of(villages["bat_trang"], name_vi=payload, name_en=payload,
                   description_en=payload, description_vi=payload)  # fmt: skip
    assert client.post(EDIT.format("bat-trang"), data=data).status_code == 302
    for url in ("/villages/bat-trang", "/", "/villages/", EDIT.format("bat-trang")):
        body = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in body, url
        for script in re.findall(r"<script nonce=[^>]*>(.*?)</script>", body, re.S):
            assert "${alert" not in script and "`${" not in script, url
