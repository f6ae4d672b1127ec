"""PUBLIC_URL and TRUSTED_HOSTS: emailed links never come from the Host a request claims."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from app import create_app
from app.timeutil import utcnow
from tests.bookings.test_email_links import MAP_APPS
from tests.conftest import PUBLIC_URL
from tests.factories import make_departure, make_experience, make_slot, make_user, make_village

CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "+84 912 345 678"}
LINK = re.compile(r"\bhttps?://\S+")


def test_refuses_to_start_without_public_url_outside_debug_and_testing(tmp_path):
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app(
            {
                "SECRET_KEY": "a-real-secret",
                "PUBLIC_URL": "",
                "TESTING": False,
                "DEBUG": False,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
            }
        )


def test_trusted_hosts_default_to_public_url_host_plus_local_ones_when_testing(app):
    assert app.config["TRUSTED_HOSTS"] == ["langnghe.example", "localhost", "127.0.0.1"]


def test_password_reset_with_a_forged_host_is_refused_and_mails_nothing(client, db, outbox):
    user = make_user()
    db.session.commit()
    response = client.post(
        "/auth/reset", data={"email": user.email}, headers={"Host": "evil.example"}
    )
    assert response.status_code == 400
    assert "host" in response.get_data(as_text=True)
    assert outbox() == []


def test_api_request_with_a_forged_host_gets_a_json_400(client, db):
    response = client.get("/api/v1/villages", headers={"Host": "evil.example:443"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "untrusted_host"


def test_password_reset_mail_links_to_public_url_whatever_host_was_asked(client, db, outbox):
    user = make_user()
    db.session.commit()
    client.post("/auth/reset", data={"email": user.email}, headers={"Host": "127.0.0.1:5000"})
    links = LINK.findall(outbox()[-1].body)
    assert len(links) == 1 and links[0].startswith(f"{PUBLIC_URL}/auth/reset/")


def test_every_emailed_link_starts_with_public_url(client, db, outbox, login_as):
    """Guest and host mails about a workshop request, the confirmation, a tour booking and a
    password reset: every link in every body is on PUBLIC_URL."""
    village = make_village()
    host = make_user(villages=[village])
    experience = make_experience(village=village, confirmation_mode="on_request")
    slot = make_slot(experience=experience, starts_at=utcnow() + timedelta(days=4))
    departure = make_departure()
    make_user(operator=departure.tour.operator.name)
    db.session.commit()
    booked = client.post(
        "/api/v1/bookings", json={"slot_ids": [slot.id], "adults": 2, "contact": CONTACT}
    ).get_json()
    client.post("/api/v1/bookings", json={"departure_id": departure.id, "adults": 1,
                                          "contact": CONTACT})  # fmt: skip
    login_as(host)
    client.post(f"/host/bookings/items/{booked['items'][0]['id']}/confirm", data={})
    client.post("/auth/logout")
    client.post("/auth/reset", data={"email": host.email})
    links = {
        message.kind: [
            link
            for link in LINK.findall(message.body + message.html_body)
            if urlsplit(link).netloc not in MAP_APPS  # "Directions" open the guest's map app
        ]
        for message in outbox()
    }
    assert {"booking_requested", "host_new", "booking_confirmed", "password_reset"} <= set(links)
    assert all(links.values()), links  # each of these mails carries a link…
    for link in (link for found in links.values() for link in found):
        assert link.startswith(f"{PUBLIC_URL}/"), link  # …on PUBLIC_URL only


def test_api_manage_url_is_on_public_url(client, db):
    slot = make_slot()
    db.session.commit()
    body = client.post(
        "/api/v1/bookings", json={"slot_ids": [slot.id], "adults": 1, "contact": CONTACT}
    ).get_json()
    assert body["manage_url"].startswith(f"{PUBLIC_URL}/bookings/{body['reference']}?token=")
