"""The planner pages: plan, drop and re-plan, save and share, ICS and GPX downloads."""

import re
from datetime import timedelta

import gpxpy
from icalendar import Calendar
from sqlalchemy import select

from app.timeutil import to_local, utcnow
from app.trips.models import SavedPlan
from tests.trips.helpers import next_weekday


def query(**changes) -> dict:
    saturday = next_weekday(5, to_local(utcnow()).date())
    values = {"date": saturday.isoformat(), "place": "hoan-kiem", "day_start": "08:00",
              "day_end": "18:00", "mode": "car", "adults": "2", "children": "0",
              "lunch": "y", "max_stops": "4", "days": "1"}  # fmt: skip
    values.update(changes)
    return values


def stop_keys(html: str) -> list[str]:
    return re.findall(r'class="ln-timeline-stop card mb-1" data-key="([^"]+)"', html)


def test_empty_planner_shows_the_form(client, seeded):
    html = client.get("/plan/").get_data(as_text=True)
    assert 'id="planner-form"' in html and "Hoàn Kiếm Lake" in html
    assert "ln-timeline" not in html


def test_planner_shows_timeline_and_map(client, demo):
    response = client.get("/plan/", query_string=query())
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert len(stop_keys(html)) >= 3
    assert html.count('class="ln-stop ln-stop--') >= len(stop_keys(html))
    assert "Book this day" in html and "/bookings/new?slot_id=" in html


def test_drop_removes_a_stop_on_replan(client, demo):
    first = stop_keys(client.get("/plan/", query_string=query()).get_data(as_text=True))
    dropped = next(key for key in first if key != "lunch")
    again = client.get("/plan/", query_string={**query(), "drop": dropped})
    assert dropped not in stop_keys(again.get_data(as_text=True))


def test_past_date_is_refused_on_the_form(client, seeded):
    yesterday = to_local(utcnow()).date() - timedelta(days=1)
    response = client.get("/plan/", query_string=query(date=yesterday.isoformat()))
    assert response.status_code == 422 and "in the past" in response.get_data(as_text=True)


def test_day_end_before_start_is_refused_on_the_form(client, seeded):
    response = client.get("/plan/", query_string=query(day_start="15:00", day_end="09:00"))
    assert response.status_code == 422
    assert "The day must end after it starts." in response.get_data(as_text=True)


def test_custom_start_needs_coordinates(client, seeded):
    response = client.get("/plan/", query_string=query(place=""))
    assert response.status_code == 422


def test_save_gives_a_read_only_shared_page(client, demo):
    response = client.post("/plan/save", data=query())
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "read-only" in html and len(stop_keys(html)) >= 3
    assert ">Drop<" not in html


def test_saved_plan_is_stored(client, demo, db):
    client.post("/plan/save", data=query())
    saved = db.session.scalar(select(SavedPlan))
    assert len(saved.slug) >= 12 and saved.result["days"][0]["stops"]


def test_unknown_shared_plan_is_404(client, seeded):
    assert client.get("/plan/s/nothing-here").status_code == 404


def test_ics_has_one_event_per_stop_with_location(client, demo):
    html = client.get("/plan/", query_string=query()).get_data(as_text=True)
    response = client.get("/plan/plan.ics", query_string=query())
    assert response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert len(events) == len(stop_keys(html))
    assert all(event.get("location") and event.get("dtstart") for event in events)


def test_gpx_has_waypoints_and_a_route(client, demo):
    response = client.get("/plan/plan.gpx", query_string=query())
    document = gpxpy.parse(response.get_data(as_text=True))
    assert len(document.routes) == 1
    assert len(document.waypoints) == len(document.routes[0].points) - 1


def test_shared_exports_parse(client, demo):
    location = client.post("/plan/save", data=query()).headers["Location"]
    assert Calendar.from_ical(client.get(f"{location}.ics").data).walk("VEVENT")
    assert gpxpy.parse(client.get(f"{location}.gpx").get_data(as_text=True)).waypoints


def test_two_day_trip_visits_no_village_twice(client, demo):
    html = client.get("/plan/", query_string=query(days="2")).get_data(as_text=True)
    assert html.count('class="ln-plan-day') == 2
    keys = [key for key in stop_keys(html) if key != "lunch"]
    assert len(keys) == len(set(keys))
