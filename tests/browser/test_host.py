"""The host workspace in a real browser: log in, move the village's pin on the map, save, and
see the new point on the public village page."""

import re
from pathlib import Path

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
HOST_EMAIL = "host-kim-lan@example.com"


@pytest.fixture(scope="module")
def kim_lan_host(live_app):
    """A host of Kim Lan (whose seeded point is approximate), made through the users CLI."""
    result = live_app.test_cli_runner().invoke(
        args=[
            "users",
            "create",
            "--email",
            HOST_EMAIL,
            "--password",
            PASSWORD,
            "--role",
            "host",
            "--village",
            "kim-lan",
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    return HOST_EMAIL


def log_in(page, live_server, email):
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/auth/profile")


def test_host_moves_the_pin_and_visitors_see_the_new_point(page, live_server, kim_lan_host):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, kim_lan_host)
    page.locator("#account-menu").click()
    page.get_by_role("link", name="Host workspace").click()
    page.wait_for_url("**/host/")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "host-dashboard.png"), full_page=True)
    page.get_by_role("link", name=re.compile("^Edit village")).click()
    page.wait_for_url("**/host/villages/kim-lan/edit")
    page.wait_for_selector(".ln-marker--picker")
    lat, lon = page.get_by_label("Latitude"), page.get_by_label("Longitude")
    before = (lat.input_value(), lon.input_value())

    box = page.locator(".ln-map--picker").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 - 60)
    page.wait_for_function(
        "([lat, lon]) => document.getElementById('lat').value !== lat"
        " || document.getElementById('lon').value !== lon",
        arg=list(before),
    )
    after = (float(lat.input_value()), float(lon.input_value()))
    assert after[0] > float(before[0]) and after[1] > float(before[1])  # up and right of centre
    assert page.locator("#picker-status").inner_text().startswith("The pin is now at")
    page.screenshot(path=str(SHOTS / "host-village-edit.png"), full_page=True)

    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/host/villages/kim-lan/edit")
    assert "Saved: visitors now see the new details." in page.content()
    page.goto(live_server + "/villages/kim-lan")
    page.wait_for_selector(".ln-marker")
    script = page.content()
    assert re.search(rf"L\.marker\(\s*\[{after[0]:.6f}\d*, {after[1]:.6f}", script) or (
        f"[{after[0]}, {after[1]}]" in script
    )
    assert page.locator("#approximate-note").count() == 0
    assert errors == []


PIN_LAT = (
    "() => { const box = document.querySelector('[data-location-picker]');"
    " return window[box.dataset.marker].getLatLng().lat; }"
)


def test_typed_coordinates_move_the_pin(page, live_server, kim_lan_host):
    log_in(page, live_server, kim_lan_host)
    page.goto(live_server + "/host/villages/kim-lan/edit")
    page.locator(".ln-marker--picker").wait_for()
    typed = round(float(page.get_by_label("Latitude").input_value()) - 0.002, 6)
    page.get_by_label("Latitude").fill(str(typed))
    assert page.evaluate(PIN_LAT) == pytest.approx(typed)
