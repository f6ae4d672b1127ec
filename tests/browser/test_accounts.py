"""Accounts and admin in a real browser: register, log out, log in, an admin approving a host."""

from pathlib import Path

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def log_out(page):
    page.locator("#account-menu").click()
    page.get_by_role("button", name="Log out").click()


def log_in(page, live_server, email, password=PASSWORD):
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/auth/profile")


def test_register_log_out_and_log_in(page, live_server):
    page.goto(live_server + "/auth/register")
    page.get_by_label("Your name").fill("Hoa")
    page.get_by_label("Email").fill("hoa@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/auth/profile")
    assert "Your account is ready." in page.content()
    log_out(page)
    page.wait_for_url(live_server + "/")
    assert page.get_by_role("link", name="Log in").is_visible()
    log_in(page, live_server, "hoa@example.com")
    assert page.locator("#account-menu").inner_text() == "Hoa"


def test_wrong_password_shows_the_error_on_the_field(page, live_server):
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    error = page.locator("#password-error")
    assert error.inner_text() == "Wrong email or password."
    assert page.get_by_label("Password").get_attribute("aria-describedby") == "password-error"


def test_admin_approves_a_host_request(page, live_app, live_server):
    runner = live_app.test_cli_runner()
    for email, role in [("boss@example.com", "admin"), ("potter@example.com", "visitor")]:
        result = runner.invoke(
            args=["users", "create", "--email", email, "--password", PASSWORD, "--role", role]
        )
        assert result.exit_code == 0, result.output
    log_in(page, live_server, "potter@example.com")
    page.goto(live_server + "/auth/request-role")
    page.get_by_label("Village", exact=True).select_option("bat-trang")
    page.get_by_label("Tell the admin who you are").fill("Third generation potter.")
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/auth/profile")
    log_out(page)
    log_in(page, live_server, "boss@example.com")
    page.goto(live_server + "/admin/")
    assert "potter@example.com" in page.content()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "admin-approvals.png"), full_page=True)
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url("**/admin/")
    assert "Request approved." in page.content()
    page.goto(live_server + "/admin/users?q=potter")
    assert page.locator("select[name=role]").input_value() == "host"
