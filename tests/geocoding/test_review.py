"""The admin review page: each proposal beside the current point; accept or reject, audited."""

import re

import pytest
from sqlalchemy import select

from app.geocoding.models import LocationProposal
from app.villages.models import LocationEvent, Village
from tests.factories import make_user

XSS = "<img src=x onerror=alert(1)>`${alert(2)}`"


@pytest.fixture()
def proposal(db, seeded):
    """A pending proposal for Kim Lan, as `flask villages geocode` stores it."""
    kim_lan = db.session.scalar(select(Village).where(Village.slug == "kim-lan"))
    row = LocationProposal(
        village=kim_lan, lat=20.958, lon=105.905, query="Kim Lan, Hà Nội",
        display_name="Kim Lan, Xã Bát Tràng, Hà Nội", category="place/village",
        osm_type="node", osm_id=987654321, source="Nominatim (http://127.0.0.1:1)",
        distance_km=1.6,
    )  # fmt: skip
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture()
def admin(db, login_as):
    user = make_user(role="admin", email="reviewer@example.com")
    db.session.commit()
    return login_as(user)


def reload(db, model, ident):
    db.session.expire_all()
    return db.session.get(model, ident)


def test_the_review_page_shows_the_proposal_beside_the_current_point(client, admin, proposal):
    page = client.get("/admin/locations/").get_data(as_text=True)
    assert "1 proposal waiting" in page
    assert "Kim Lan, Xã Bát Tràng, Hà Nội" in page and "1.6 km from the current point" in page
    assert "https://www.openstreetmap.org/node/987654321" in page
    assert page.count("L.marker(") == 2 and "L.polyline(" in page
    assert "20.96855, 105.90753 (new-commune)" in page


def test_geocoder_text_is_escaped_on_the_page_and_in_the_map(client, db, admin, proposal):
    proposal.display_name = XSS
    db.session.commit()
    page = client.get("/admin/locations/").get_data(as_text=True)
    assert "<img src=x" not in page
    for script in re.findall(r"<script nonce=[^>]*>(.*?)</script>", page, re.S):
        assert "${alert" not in script


def test_accepting_moves_the_point_and_records_who_accepted_what(client, db, admin, proposal):
    response = client.post(f"/admin/locations/{proposal.id}/accept")
    assert response.status_code == 302
    kim_lan = reload(db, Village, proposal.village_id)
    assert (kim_lan.lat, kim_lan.lon, kim_lan.coord_precision) == (20.958, 105.905, "village")
    assert "Kim Lan, Xã Bát Tràng, Hà Nội" in kim_lan.coord_source
    assert "accepted by reviewer@example.com" in kim_lan.coord_source
    assert "OpenStreetMap contributors" in kim_lan.coord_source
    assert kim_lan.commune_2025 == "Xã Bát Tràng"
    assert reload(db, LocationProposal, proposal.id).status == "accepted"
    event = db.session.scalar(select(LocationEvent))
    assert (event.action, event.actor_id) == ("proposal_accepted", admin.id)
    assert (event.from_lat, event.to_lat, event.from_precision) == (20.96855, 20.958, "new-commune")


def test_rejecting_keeps_the_point_and_is_audited(client, db, admin, proposal):
    client.post(f"/admin/locations/{proposal.id}/reject")
    kim_lan = reload(db, Village, proposal.village_id)
    assert (kim_lan.lat, kim_lan.coord_precision) == (20.96855, "new-commune")
    assert reload(db, LocationProposal, proposal.id).status == "rejected"
    event = db.session.scalar(select(LocationEvent))
    assert (event.action, event.actor_id, event.to_lat) == ("proposal_rejected", admin.id, 20.96855)
    assert "proposal rejected" in client.get("/admin/locations/").get_data(as_text=True)


def test_a_decided_proposal_cannot_be_decided_again(client, db, admin, proposal):
    client.post(f"/admin/locations/{proposal.id}/reject")
    page = client.post(f"/admin/locations/{proposal.id}/accept", follow_redirects=True)
    assert "already been decided" in page.get_data(as_text=True)
    kim_lan = reload(db, Village, proposal.village_id)
    assert kim_lan.coord_precision == "new-commune"


def test_only_admins_review_proposals(client, db, login_as, proposal):
    assert client.get("/admin/locations/").status_code == 302  # to the login page
    host = make_user(email="host@example.com", villages=[proposal.village])
    db.session.commit()
    login_as(host)
    assert client.get("/admin/locations/").status_code == 403
    assert client.post(f"/admin/locations/{proposal.id}/accept").status_code == 403
    assert reload(db, LocationProposal, proposal.id).status == "pending"
