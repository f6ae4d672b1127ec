"""Issue 16 in a real browser: an admin reviews a geocoder proposal on its map, a visitor plans
one of the city's routes and reaches the booking form, the showroom filters; screenshots."""

import re
from pathlib import Path

import pytest

from app.timeutil import to_local, utcnow
from tests.factories import PASSWORD
from tests.nominatim import fake_nominatim, place
from tests.trips.helpers import next_weekday

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
ADMIN = "admin-geocode@example.com"


def cli(live_app, *args: str) -> str:
    result = live_app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def admin(live_app):
    cli(live_app, "users", "create", "--email", ADMIN, "--password", PASSWORD, "--role", "admin")
    return ADMIN


@pytest.fixture(scope="module")
def proposals(live_app):
    """Pending proposals for Quất Động and Từ Vân, found by `flask villages geocode` against a
    local server answering in Nominatim's format."""
    saved = {name: live_app.config[name] for name in ("GEOCODER_URL", "GEOCODER_MIN_DELAY")}
    with fake_nominatim() as fake:
        fake.answers["Quất Động, Hà Nội"] = [
            place(20.8445, 105.8712, "Quất Động, Xã Thượng Phúc, Hà Nội, Việt Nam", osm_id=11)
        ]
        fake.answers["Từ Vân, Lê Lợi, Hà Nội"] = [
            place(20.8420, 105.8990, "Từ Vân, Xã Thường Tín, Hà Nội, Việt Nam", osm_id=12)
        ]
        live_app.config.update(GEOCODER_URL=fake.url, GEOCODER_MIN_DELAY=0.0)
        try:
            output = cli(live_app, "villages", "geocode", "--village", "quat-dong",
                         "--village", "tu-van")  # fmt: skip
        finally:
            live_app.config.update(saved)
    assert "2 proposals" in output
    return output


def log_in(page, live_server, email):
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/auth/profile")


def test_an_admin_reviews_a_geocoder_proposal_on_its_map(page, live_server, admin, proposals):
    log_in(page, live_server, admin)
    page.goto(live_server + "/admin/locations/")
    card = page.locator("[data-village=quat-dong]")
    card.locator(".ln-marker--exact").wait_for()
    assert card.locator(".ln-marker--approx").count() == 1  # the current point, beside it
    assert "from the current point" in card.locator(".ln-distance").inner_text()
    assert "Quất Động, Xã Thượng Phúc" in card.inner_text()
    card.get_by_role("button", name="Accept this point").click()
    page.wait_for_selector(".alert-success")
    assert "now has the proposed point" in page.locator(".alert-success").inner_text()
    assert page.locator("[data-village=quat-dong]").count() == 0
    assert "proposal accepted" in page.locator("#location-events").inner_text()
    page.goto(live_server + "/villages/quat-dong")
    assert page.locator("#precision-note").inner_text() == "The point is at the village itself."
    assert page.locator("#approximate-note").count() == 0
    assert page.requested_hosts == {live_server.split("://", 1)[1]}


def test_a_visitor_plans_a_route_and_reaches_the_booking_form(page, live_server):
    saturday = next_weekday(5, to_local(utcnow()).date())
    page.goto(live_server + "/routes/")
    page.get_by_role("link", name="Ceramics and gold leaf on the east bank").click()
    page.wait_for_url("**/routes/east-bank-ceramics")
    page.wait_for_selector(".ln-stop--village")
    page.get_by_label("Date", exact=True).fill(saturday.isoformat())
    page.get_by_role("button", name="Plan this day").click()
    page.wait_for_url(re.compile(r"/plan/\?"))
    timeline = page.locator(".ln-timeline").first.inner_text()
    for name in ("Bat Trang", "Giang Cao", "Kim Lan", "Kieu Ky"):
        assert name in timeline, name
    assert page.locator(".ln-approximate-stop").count() >= 1
    page.get_by_role("link", name="Book this day").click()
    page.wait_for_url(re.compile(r"/bookings/new\?"))
    assert page.get_by_label("Your name").is_visible()


def test_the_showroom_filters_by_ocop_and_village_name(page, live_server):
    page.goto(live_server + "/products/")
    total = page.locator("#product-count").inner_text()
    page.get_by_label("Village", exact=True).fill("bat trang")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"village_name=bat\+trang"))
    assert page.locator("#product-count").inner_text() != total
    page.locator(".ln-product-card a").first.click()
    page.wait_for_url(re.compile(r"/products/\d+$"))
    assert page.get_by_role("heading", name="Where to buy").is_visible()


PAGES = [
    ("/", "home"),
    ("/villages/giang-cao", "village"),
    ("/routes/south-silk-lacquer-embroidery", "route"),
    ("/products/", "products"),
    ("/admin/locations/", "geocode-review"),
]


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize(("device", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshots_of_the_city_handbook(
    page, live_server, admin, proposals, device, width, language
):
    SHOTS.mkdir(exist_ok=True)
    log_in(page, live_server, admin)
    page.goto(f"{live_server}/language/{language}")
    page.set_viewport_size({"width": width, "height": 900})
    for path, label in PAGES:
        page.goto(live_server + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        page.screenshot(path=str(SHOTS / f"city-{label}-{device}-{language}.png"), full_page=True)
    assert page.requested_hosts == {live_server.split("://", 1)[1]}
