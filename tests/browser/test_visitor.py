"""A visitor's journey in a real browser: photos on the cards (a host's upload, or the craft's
drawing), the booking form's live total and terms, directions on the confirmation, no English
on the Vietnamese pages; and screenshots at desktop and phone widths in both languages."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.experiences.models import Experience, Slot
from app.timeutil import utcnow
from tests.vietnamese import english_left, visible_text

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DEMO_HOST, DEMO_PASSWORD = "host.battrang@example.com", "langnghe-demo-2026"


def bookable(live_app, title: str, count: int = 1) -> list[int]:
    """Slots of the demo workshop `title` with room, soonest first (past their cut-off)."""
    with live_app.app_context():
        from datetime import timedelta

        from app.extensions import db

        rows = db.session.scalars(
            select(Slot.id)
            .join(Experience)
            .where(
                Experience.title_en == title,
                Slot.starts_at > utcnow() + timedelta(days=2),
                Slot.booked == 0,
            )  # fmt: skip
            .order_by(Slot.starts_at)
            .limit(count)
        )
        return list(rows)


def entered_names(live_app) -> tuple[str, ...]:
    """Names people typed that pages show as they are: other browser tests add tours and
    workshops with English titles to the shared live server."""
    with live_app.app_context():
        from app.accounts.models import Operator
        from app.extensions import db
        from app.operators.models import Tour

        tours = db.session.execute(select(Tour.title_vi, Tour.title_en)).all()
        operators = db.session.scalars(select(Operator.name)).all()
        workshops = db.session.execute(select(Experience.title_vi, Experience.title_en)).all()
        return tuple({name for row in [*tours, *workshops] for name in row} | set(operators))


def loaded_images(page, selector: str) -> list[str]:
    """The sources of the images under `selector` the browser really decoded."""
    return page.eval_on_selector_all(
        selector, "images => images.filter(i => i.complete && i.naturalWidth > 0).map(i => i.src)"
    )


def test_cards_show_a_hosts_photo_or_the_crafts_drawing(page, live_server):
    page.goto(live_server + "/auth/login")
    page.get_by_label("Email").fill(DEMO_HOST)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/auth/login" not in url)
    page.goto(live_server + "/host/experiences/")
    page.get_by_role("row", name=re.compile("Paint your own ceramic piece")).get_by_role(
        "link", name="Photos"
    ).click()
    picture = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(picture, "JPEG")
    page.set_input_files("#photo", {"name": "bowl.jpg", "mimeType": "image/jpeg",
                                    "buffer": picture.getvalue()})  # fmt: skip
    page.get_by_label("What it shows (English)").fill("A blue-painted bowl")
    page.get_by_role("button", name="Add the photo").click()
    page.wait_for_selector("#gallery img")
    page.goto(live_server + "/workshops/?q=paint+your+own")
    photos = loaded_images(page, "article.ln-card img[data-photo=photo]")
    assert len(photos) == 1 and "/uploads/" in photos[0]
    assert page.locator("article.ln-card img[alt='A blue-painted bowl']").count() == 1
    page.goto(live_server + "/villages/?craft=lacquer")
    drawings = loaded_images(page, "article.ln-card img[data-photo=drawing]")
    assert drawings and all(src.endswith("/static/img/crafts/lacquer.svg") for src in drawings)


def test_the_booking_total_follows_the_party_live(page, live_server, live_app):
    first, second = bookable(live_app, "Throw a pot on the wheel", 2)
    page.goto(f"{live_server}/bookings/new?slot_id={first}&slot_id={second}")
    total = page.locator("#quote-total")
    assert total.inner_text() == "600.000 ₫"  # the server's total for 2 adults, two slots
    page.get_by_label("Adults").fill("3")
    page.get_by_label("Children").fill("2")
    assert total.inner_text() == "1.300.000 ₫"  # (3 × 150.000 + 2 × 100.000) × 2
    assert page.locator("[data-quote-line]").all_inner_texts() == ["650.000 ₫", "650.000 ₫"]


def test_the_booking_form_states_the_policy_and_what_happens_next(page, live_server, live_app):
    (instant,) = bookable(live_app, "Throw a pot on the wheel")
    (on_request,) = bookable(live_app, "Kim Lan pottery and the village museum")
    page.goto(f"{live_server}/bookings/new?slot_id={instant}&slot_id={on_request}")
    policies = page.locator("#booking-slots .ln-policy").all_inner_texts()
    assert len(policies) == 2 and all(
        text.startswith("Free cancellation until") for text in policies
    )
    assert page.locator("#booking-slots .ln-instant").count() == 1
    assert page.locator("#booking-slots .ln-on-request").count() == 1
    assert (
        page.locator("#next-instant").is_visible() and page.locator("#next-on-request").is_visible()
    )


def test_the_confirmation_gives_directions_to_the_meeting_point(page, live_server, live_app):
    (slot,) = bookable(live_app, "Silk weaving at the loom")
    page.goto(f"{live_server}/bookings/new?slot_id={slot}")
    page.get_by_label("Your name").fill("Lan Anh")
    page.get_by_label("Email").fill("lan.anh@example.com")
    page.get_by_label("Phone").fill("+84 912 345 678")
    page.get_by_role("button", name="Send the booking").click()
    page.wait_for_url(re.compile(r"/bookings/LN-\w+\?token="))
    links = page.locator("[data-directions]")
    names = links.evaluate_all("links => links.map(l => l.dataset.directions)")
    assert names == ["Google Maps", "Apple Maps", "OpenStreetMap"]
    hrefs = links.evaluate_all("links => links.map(l => l.href)")
    assert hrefs[0].startswith("https://www.google.com/maps/dir/?api=1&destination=")
    assert hrefs[1].startswith("https://maps.apple.com/?daddr=")
    assert hrefs[2].startswith("https://www.openstreetmap.org/directions?route=%3B")
    point = re.search(r"destination=([\d.]+)%2C([\d.]+)", hrefs[0]).groups()
    assert all(point[0] in href and point[1] in href for href in hrefs)
    assert page.locator(".ln-map--small .leaflet-marker-icon").count() == 1
    assert page.locator(".ln-bring").inner_text()  # what to bring


def test_no_english_is_left_on_vietnamese_pages_in_the_browser(browser, live_server, live_app):
    """The pages as the browser shows them, scripts included (calendars, maps, totals)."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "lang", "value": "vi", "url": live_server}])
    page = context.new_page()
    (slot,) = bookable(live_app, "Weave a rattan coaster")
    paths = ["/", "/villages/", "/villages/bat-trang", "/villages/?q=battrang", "/workshops/",
             "/workshops/?q=rattan", "/tours/", "/routes/", "/products/", "/plan/",
             f"/bookings/new?slot_id={slot}", "/auth/login"]  # fmt: skip
    left = {}
    for path in paths:
        page.goto(live_server + path)
        page.wait_for_load_state("networkidle")
        words = english_left(visible_text(page.content()), data=entered_names(live_app))
        if words:
            left[path] = sorted(set(words))
    page.goto(live_server + "/workshops/?q=rattan")
    page.locator("article.ln-card a").first.click()
    page.wait_for_selector("#slot-calendar .cal-head")
    assert english_left(visible_text(page.content())) == []  # the month drawn by script
    context.close()
    assert left == {}


SCREENS = ["/villages/", "/workshops/", "/tours/", "/villages/?q=battrang"]


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_visitor_pages(browser, live_server, live_app, language, width):
    """Cards, a workshop, the booking form and the confirmation, for a person to look at."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "lang", "value": language, "url": live_server}])
    page = context.new_page()
    SHOTS.mkdir(exist_ok=True)
    name = f"{language}-{width}"
    for path in SCREENS:
        page.goto(live_server + path)
        page.wait_for_load_state("networkidle")
        slug = path.strip("/").replace("/", "-").replace("?q=", "-search-") or "home"
        page.screenshot(path=str(SHOTS / f"look-{slug}-{name}.png"), full_page=True)
    first, second = bookable(live_app, "Make a sheet of dó paper", 1) + bookable(
        live_app, "Wood carving: first cuts", 1
    )
    page.goto(f"{live_server}/workshops/?q=paper")
    page.locator("article.ln-card a").first.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / f"look-workshop-{name}.png"), full_page=True)
    page.goto(f"{live_server}/bookings/new?slot_id={first}&slot_id={second}")
    page.locator("#name").fill("Lan Anh")
    page.locator("#email").fill("lan.anh@example.com")
    page.locator("#phone").fill("+84 912 345 678")
    page.screenshot(path=str(SHOTS / f"look-booking-form-{name}.png"), full_page=True)
    page.locator("#booking-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/bookings/LN-\w+\?token="))
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / f"look-confirmation-{name}.png"), full_page=True)
    page.locator("a[href*='/move?']").first.click()
    page.screenshot(path=str(SHOTS / f"look-move-{name}.png"), full_page=True)
    page.go_back()
    page.locator("a[href*='/cancel?']").first.click()
    page.screenshot(path=str(SHOTS / f"look-cancel-{name}.png"), full_page=True)
    context.close()
