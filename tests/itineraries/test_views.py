"""The city's routes through the doors a visitor uses: list, page, plan on a date, book."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select

from app.bookings.models import Booking
from app.itineraries.models import Itinerary
from app.timeutil import to_local, utcnow
from tests.trips.helpers import next_weekday

ROUTE = "/routes/east-bank-ceramics"


def saturday() -> str:
    return next_weekday(5, to_local(utcnow()).date()).isoformat()


def plan_route(client, slug: str = "east-bank-ceramics", **args):
    query = {"date": saturday(), "adults": 2, "children": 0, **args}
    return client.get(f"/routes/{slug}/plan", query_string=query)


def test_seed_creates_the_ten_routes_once(db, demo, runner):
    assert "routes: 10 created" in demo.output
    again = runner.invoke(args=["seed"])
    assert "routes: 0 created" in again.output
    assert db.session.scalar(select(func.count(Itinerary.id))) == 10


def test_the_routes_are_listed_and_shown_on_the_home_page(client, demo):
    listed = client.get("/routes/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert listed.count('class="card h-100 ln-route-card"') == 10
    home = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Ceramics and gold leaf on the east bank" in home
    assert 'href="/routes/east-bank-ceramics"' in home


def test_a_route_page_has_its_story_map_and_villages(client, demo):
    page = client.get(ROUTE, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Across the Red River from the Old Quarter" in page
    assert page.count("L.marker(") == 5  # the start and four villages
    for slug in ("bat-trang", "giang-cao", "kim-lan", "kieu-ky"):
        assert f'href="/villages/{slug}"' in page
    assert "Plan this route on a date" in page


def test_a_route_page_in_vietnamese(client, demo):
    client.get("/language/vi")
    page = client.get(ROUTE).get_data(as_text=True)
    assert "Gốm và vàng quỳ bên kia sông Hồng" in page
    assert "Bên kia sông Hồng, đối diện phố cổ" in page


def test_planning_a_route_opens_the_planner_with_every_village_pinned(client, demo):
    response = plan_route(client)
    assert response.status_code == 302
    target = urlsplit(response.location)
    assert target.path == "/plan/"
    pins = parse_qs(target.query)["pin"]
    assert len(pins) == 4 and "v:giang-cao" in pins  # Giang Cao has no workshop: a walk
    assert any(pin.startswith("e:") for pin in pins)  # Bát Tràng's workshop is preferred


def test_the_planned_route_visits_every_village_and_can_be_booked(client, db, demo):
    planner = client.get(plan_route(client).location, headers={"Accept-Language": "en"})
    page = planner.get_data(as_text=True)
    assert planner.status_code == 200
    for name in ("Bát Tràng", "Giang Cao", "Kim Lan", "Kiêu Kỵ"):
        assert name in page, name
    book = re.search(r'href="(/bookings/new\?[^"]+)"', page)
    assert book, "no 'Book this day' link"
    form = client.get(unescape(book.group(1)))
    assert form.status_code == 200
    token = re.search(r'name="form_token"[^>]*value="([^"]+)"', form.get_data(as_text=True))
    booked = client.post(
        unescape(book.group(1)),
        data={"name": "Lan", "email": "lan@example.com", "phone": "0901234567", "adults": 2,
              "children": 0, "form_token": token.group(1)},
    )  # fmt: skip
    assert booked.status_code == 302 and "/bookings/" in booked.location
    assert db.session.scalar(select(func.count(Booking.id))) == 1


def test_a_past_date_is_refused_on_the_route_page(client, demo):
    response = plan_route(client, date="2020-01-04")
    assert response.status_code == 422
    assert "in the past" in response.get_data(as_text=True)


def test_an_unknown_or_hidden_route_is_not_found(client, db, demo):
    assert client.get("/routes/atlantis").status_code == 404
    route = db.session.scalar(select(Itinerary).where(Itinerary.slug == "food-villages"))
    route.is_published = False
    db.session.commit()
    assert client.get("/routes/food-villages").status_code == 404
    assert "food-villages" not in client.get("/routes/").get_data(as_text=True)
