"""A planned trip as an iCalendar file (one event per stop) and a GPX file (plain Python).

Both take the stops' titles, place names and descriptions from `labels` (already in the
visitor's language): a calendar event says what the visit is, where to meet and how to book it.
"""

from datetime import UTC, datetime
from typing import Protocol

import gpxpy.gpx
from icalendar import Calendar, Event

from app.trips.result import DayPlan, Stop


class Label(Protocol):
    title: str
    place: str
    meeting_point: str  # where to be at the start ("" for a village walk: the village itself)
    details: tuple[str, ...]  # the event's description, one line each
    link: str  # where to book or read about the stop ("" for none)


def ics(plans: list[DayPlan], labels: dict[str, Label], now: datetime) -> bytes:
    """One VEVENT per stop, in UTC, with the place's name and point as LOCATION and GEO."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lang Nghe//Tour planner//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for plan in plans:
        for stop in plan.stops:
            calendar.add_component(_event(plan, stop, labels[stop.ref], now))
    return calendar.to_ical()


def _event(plan: DayPlan, stop: Stop, label: Label, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{plan.on.isoformat()}-{stop.number}-{stop.key}@langnghe")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", stop.start.astimezone(UTC))
    event.add("dtend", stop.end.astimezone(UTC))
    where = f" — {label.place}" if stop.kind == "experience" else ""
    event.add("summary", f"{stop.number}. {label.title}{where}")
    place = label.meeting_point or label.place
    event.add("location", f"{place} ({stop.point[0]:.5f}, {stop.point[1]:.5f})")
    event.add("geo", (stop.point[0], stop.point[1]))
    if label.details:
        event.add("description", "\n".join(label.details))
    if label.link:
        event.add("url", label.link)
    return event


def gpx(plans: list[DayPlan], labels: dict[str, Label]) -> str:
    """Waypoints for the start and every stop, and one route per day in visiting order."""
    document = gpxpy.gpx.GPX()
    document.creator = "Lang Nghe tour planner"
    for plan in plans:
        start = gpxpy.gpx.GPXWaypoint(*plan.start, name=f"{plan.on.isoformat()} start")
        document.waypoints.append(start)
        route = gpxpy.gpx.GPXRoute(name=f"Day {plan.on.isoformat()}")
        route.points.append(gpxpy.gpx.GPXRoutePoint(*plan.start, time=plan.leave, name="Start"))
        for stop in plan.stops:
            name = f"{stop.number}. {labels[stop.ref].title}"
            document.waypoints.append(
                gpxpy.gpx.GPXWaypoint(*stop.point, time=stop.start, name=name,
                                      description=labels[stop.ref].place)
            )  # fmt: skip
            route.points.append(gpxpy.gpx.GPXRoutePoint(*stop.point, time=stop.start, name=name))
        route.points.append(gpxpy.gpx.GPXRoutePoint(*plan.end, time=plan.back, name="End"))
        document.routes.append(route)
    return document.to_xml()
