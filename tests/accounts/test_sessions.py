"""Logins end on the server: a session or remember-me cookie copied before logout, a password
change or a reset no longer logs anyone in. Real HTTP against a live server, cookies replayed
by hand as a thief would."""

import re

import pytest
import requests

from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "a brand new password"
COOKIES = ("session", "remember_token")


@pytest.fixture()
def user(db):
    made = make_user()
    db.session.commit()
    return made


def log_in(base: str, user) -> dict[str, str]:
    """Log in (remember me) and return the browser's cookies."""
    data = {"email": user.email, "password": PASSWORD, "remember": "y"}
    response = requests.post(f"{base}/auth/login", data=data, allow_redirects=False, timeout=10)
    assert response.status_code == 302
    return {name: response.cookies[name] for name in COOKIES}


def logged_in(base: str, cookies: dict[str, str]) -> bool:
    response = requests.get(f"{base}/auth/profile", cookies=cookies, allow_redirects=False,
                            timeout=10)  # fmt: skip
    return response.status_code == 200


def post(base: str, path: str, cookies: dict[str, str], **data) -> requests.Response:
    return requests.post(f"{base}{path}", data=data, cookies=cookies, allow_redirects=False,
                         timeout=10)  # fmt: skip


@pytest.mark.parametrize("names", [("session",), ("remember_token",)])
def test_copied_cookies_work_while_the_login_lasts(http_server, user, names):
    cookies = log_in(http_server, user)
    assert logged_in(http_server, {name: cookies[name] for name in names})


@pytest.mark.parametrize("names", [("session",), ("remember_token",), COOKIES])
def test_logout_ends_the_login_for_replayed_cookies(http_server, user, names):
    cookies = log_in(http_server, user)
    post(http_server, "/auth/logout", cookies)
    assert not logged_in(http_server, {name: cookies[name] for name in names})


def test_logout_leaves_the_users_other_logins_alone(http_server, user):
    phone, laptop = log_in(http_server, user), log_in(http_server, user)
    post(http_server, "/auth/logout", phone)
    assert logged_in(http_server, laptop)


def test_password_change_ends_every_other_login_but_keeps_this_one(http_server, user):
    this, other = log_in(http_server, user), log_in(http_server, user)
    response = post(http_server, "/auth/password", this, current_password=PASSWORD,
                    password=NEW_PASSWORD, confirm=NEW_PASSWORD)  # fmt: skip
    assert response.status_code == 302
    assert logged_in(http_server, this)
    assert not logged_in(http_server, other)
    assert not logged_in(http_server, {"remember_token": other["remember_token"]})


def test_password_reset_ends_every_login(http_server, db, user, outbox):
    cookies = log_in(http_server, user)
    post(http_server, "/auth/reset", {}, email=user.email)
    db.session.commit()  # end this test's read snapshot: the server wrote the mail meanwhile
    link = re.search(r"https://[^/\s]+(/auth/reset/\S+)", outbox()[-1].body).group(1)
    assert post(http_server, link, {}, password=NEW_PASSWORD, confirm=NEW_PASSWORD).ok
    assert not logged_in(http_server, cookies)
    assert not logged_in(http_server, {"remember_token": cookies["remember_token"]})


def test_a_cookie_holding_a_bare_user_id_no_longer_logs_in(client, user):
    """Cookies signed before logins were kept server-side carry only the user id."""
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    assert client.get("/auth/profile").status_code == 302
