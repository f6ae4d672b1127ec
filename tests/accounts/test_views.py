"""Accounts through the door a user uses: forms posted to /auth/…, emails read from the outbox."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts import services
from app.accounts.models import PasswordResetToken, RoleRequest, User
from app.timeutil import utcnow
from tests.conftest import make_test_app
from tests.factories import PASSWORD, make_user, make_village

NEW_PASSWORD = "a much better passphrase"


def test_register_log_out_and_log_in_again(client, db):
    response = client.post(
        "/auth/register",
        data={"name": "Lan", "email": "Lan@Example.com", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "lan@example.com"))
    assert user is not None and user.password_hash.startswith("scrypt:")
    assert "Lan" in client.get("/auth/profile").get_data(as_text=True)
    client.post("/auth/logout")
    assert client.get("/auth/profile").status_code == 302
    login = client.post("/auth/login", data={"email": "lan@example.com", "password": PASSWORD})
    assert login.status_code == 302
    assert client.get("/auth/profile").status_code == 200


def test_register_refuses_a_taken_email_and_a_short_password(client, db):
    make_user(email="taken@example.com")
    db.session.commit()
    taken = client.post(
        "/auth/register",
        data={"email": "taken@example.com", "password": PASSWORD, "confirm": PASSWORD},
    )
    assert taken.status_code == 422 and "already" in taken.get_data(as_text=True)
    short = client.post(
        "/auth/register", data={"email": "new@example.com", "password": "short", "confirm": "short"}
    )
    assert short.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "new@example.com")) is None


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(client, db):
    user = make_user()
    db.session.commit()
    for email, password in [(user.email, "wrong password!"), ("nobody@example.com", PASSWORD)]:
        response = client.post("/auth/login", data={"email": email, "password": password})
        assert response.status_code == 422
        assert "Wrong email or password" in response.get_data(as_text=True)
    assert client.get("/auth/profile").status_code == 302


def test_remember_me_sets_a_lasting_cookie(client, db):
    user = make_user()
    db.session.commit()
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None


def test_login_redirects_only_to_local_next(client, db):
    user = make_user()
    db.session.commit()
    data = {"email": user.email, "password": PASSWORD}
    local = client.post("/auth/login?next=/villages/", data=data)
    assert local.location.endswith("/villages/")
    client.post("/auth/logout")
    foreign = client.post("/auth/login?next=https://evil.example/", data=data)
    assert "evil" not in foreign.location


def reset_link(outbox) -> str:
    body = outbox()[-1].body
    return re.search(r"https://langnghe\.example(/auth/reset/\S+)", body).group(1)


def test_password_reset_by_emailed_token_works_once(client, db, outbox):
    user = make_user()
    db.session.commit()
    client.post("/auth/reset", data={"email": user.email})
    assert outbox()[-1].recipient == user.email
    link = reset_link(outbox)
    done = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    again = client.post(
        link, data={"password": "yet another password", "confirm": "yet another password"}
    )
    assert again.status_code == 422 and "not valid any more" in again.get_data(as_text=True)
    assert (
        client.post("/auth/login", data={"email": user.email, "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_expired_reset_token_is_refused(client, db, outbox, app):
    user = make_user()
    db.session.commit()
    with app.test_request_context():
        services.request_password_reset(user.email, now=utcnow() - timedelta(hours=3))
    response = client.post(
        reset_link(outbox), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == user.password_hash


def test_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client, db, outbox):
    response = client.post(
        "/auth/reset", data={"email": "ghost@example.com"}, follow_redirects=True
    )
    assert "If an account uses that email" in response.get_data(as_text=True)
    assert outbox() == []
    assert db.session.scalars(select(PasswordResetToken)).all() == []


def test_change_password_needs_the_current_one(client, db, login_as):
    login_as(make_user())
    db.session.commit()
    wrong = client.post(
        "/auth/password",
        data={
            "current_password": "nope nope nope",
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 422
    right = client.post(
        "/auth/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert right.status_code == 302


def test_profile_saves_name_and_language(client, db, login_as):
    user = login_as(make_user())
    client.post("/auth/profile", data={"name": "Minh", "language": "en"})
    db.session.expire_all()
    saved = db.session.get(User, user.id)
    assert (saved.name, saved.language) == ("Minh", "en")


def test_role_request_then_admin_approval_makes_a_host(client, db, login_as, outbox):
    village = make_village(slug="bat-trang")
    admin = make_user(role="admin", email="admin@example.com")
    visitor = make_user(email="potter@example.com")
    db.session.commit()
    login_as(visitor)
    sent = client.post(
        "/auth/request-role",
        data={"kind": "host", "village": "bat-trang", "message": "I run a pottery workshop"},
    )
    assert sent.status_code == 302
    twice = client.post("/auth/request-role", data={"kind": "host", "village": "bat-trang"})
    assert twice.status_code == 422
    client.post("/auth/logout")
    login_as(admin)
    request = db.session.scalar(select(RoleRequest))
    client.post(f"/admin/requests/{request.id}/approve", data={"note": "Welcome"})
    db.session.expire_all()
    host = db.session.get(User, visitor.id)
    assert host.role == "host" and host.village_ids == {village.id}
    assert outbox()[-1].recipient == "potter@example.com"


def test_users_create_cli_makes_hosts_operators_and_admins(runner, db):
    make_village(slug="van-phuc")
    db.session.commit()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "H@example.com",
            "--password",
            PASSWORD,
            "--role",
            "host",
            "--village",
            "van-phuc",
        ]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "op@example.com",
            "--password",
            PASSWORD,
            "--role",
            "operator",
            "--operator",
            "Hanoi Tours",
        ]
    )
    assert result.exit_code == 0, result.output
    host = db.session.scalar(select(User).where(User.email == "h@example.com"))
    operator = db.session.scalar(select(User).where(User.email == "op@example.com"))
    assert host.role == "host" and len(host.hostings) == 1
    assert operator.operator.name == "Hanoi Tours"
    missing = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "x@example.com",
            "--password",
            PASSWORD,
            "--role",
            "host",
        ]
    )
    assert missing.exit_code != 0 and "--village" in missing.output


@pytest.fixture()
def strict_app(tmp_path):
    """An app with CSRF switched on, as in production."""
    return make_test_app(f"sqlite:///{tmp_path / 'strict.db'}", WTF_CSRF_ENABLED=True)


def test_post_without_csrf_token_is_refused(strict_app):
    client = strict_app.test_client()
    response = client.post("/auth/login", data={"email": "a@example.com", "password": "x" * 12})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_login_is_rate_limited(tmp_path):
    app = make_test_app(
        f"sqlite:///{tmp_path / 'limited.db'}",
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        LOGIN_RATELIMIT="3 per minute",
    )
    client = app.test_client()
    data = {"email": "a@example.com", "password": "wrong password!"}
    statuses = [client.post("/auth/login", data=data).status_code for _ in range(5)]
    assert statuses == [422, 422, 422, 429, 429]
    assert client.get("/auth/login").status_code == 200
