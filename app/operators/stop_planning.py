"""The stops planner: order a tour's stops for the least travel from and back to its meeting
point, or keep the operator's order, and set each stop's time so that every workshop starts
when it actually runs on the departures' days and the route fits in the tour's duration.
It never lengthens the tour: when the stops do not fit, it refuses and says how long they need.
"""

from datetime import datetime

from flask import current_app
from flask_babel import gettext as _

from app.errors import Invalid
from app.extensions import db
from app.i18n import tr
from app.operators import workshop_times
from app.operators.models import Tour, TourStop
from app.operators.rules import schedule_in_order
from app.operators.services import get_tour_for_edit
from app.operators.stops import hours
from app.planner import Candidate, Infeasible, Problem, solve
from app.trips import travel

LONGEST = 24 * 60  # how long a route may take when we only measure what the stops need


def propose_order(tour_id: int, actor, now: datetime) -> Tour:
    """Let the planning engine choose the order (all stops required, least travel), then set
    the earliest times that order allows."""
    tour = get_tour_for_edit(tour_id, actor)
    stops = _located(tour)
    windows = workshop_times.windows(tour, stops, now)
    minutes = _travel(tour, stops)
    order = _solve(tour, stops, windows, minutes)
    stops, windows = [stops[i] for i in order], [windows[i] for i in order]
    _set_times(tour, stops, windows, _travel(tour, stops))
    return tour


def set_times(tour_id: int, actor, now: datetime) -> Tour:
    """Keep the operator's order and set the earliest times it allows."""
    tour = get_tour_for_edit(tour_id, actor)
    stops = _located(tour)
    windows = workshop_times.windows(tour, stops, now)
    _set_times(tour, stops, windows, _travel(tour, stops))
    return tour


def _located(tour: Tour) -> list[TourStop]:
    if tour.meeting_geo is None:
        raise Invalid(
            "no_meeting_point",
            _("Set the tour's meeting point first: the route starts and ends there."),
        )
    stops = [stop for stop in tour.stops if stop.village.has_point]
    if not stops:
        raise Invalid("too_few_stops", _("Add a stop with a location first."))
    return stops


def _travel(tour: Tour, stops: list[TourStop]) -> list[list[float]]:
    """Minutes by car: meeting point, the stops in this order, back to the meeting point."""
    points = [tour.meeting_geo, *((s.village.lat, s.village.lon) for s in stops), tour.meeting_geo]
    config = current_app.config
    matrix = travel.matrix(
        points, "car", routing_url=config["ROUTING_URL"], timeout=config.get("ROUTING_TIMEOUT", 2.0)
    )
    return [list(row) for row in matrix.minutes]


def _solve(
    tour: Tour, stops: list[TourStop], windows: list, minutes: list[list[float]]
) -> list[int]:
    """The visiting order (indexes into `stops`) that fits in the tour, or a clear refusal."""
    candidates = [
        Candidate(key=index, score=1.0, duration=float(stop.stay_minutes),
                  windows=_windows(allowed), required=True)
        for index, (stop, allowed) in enumerate(zip(stops, windows, strict=True))
    ]  # fmt: skip
    try:
        plan = _plan(candidates, minutes, tour.duration_minutes)
    except Infeasible:
        try:
            plan = _plan(candidates, minutes, LONGEST)
        except Infeasible as error:
            raise _unfit(stops, error) from None
        order = [visit.key for visit in plan.visits]
        reordered = [stops[i] for i in order]
        needed = schedule_in_order(
            [s.stay_minutes for s in reordered], [windows[i] for i in order],
            _travel(tour, reordered),
        )  # fmt: skip
        raise _too_long(tour, needed[1] if isinstance(needed, tuple) else LONGEST) from None
    return [visit.key for visit in plan.visits]


def _windows(allowed: tuple[int, ...] | None) -> tuple[tuple[float, float], ...]:
    if allowed is None:
        return ((0.0, float(LONGEST)),)
    return tuple((float(offset), float(offset)) for offset in allowed)


def _plan(candidates: list[Candidate], minutes: list[list[float]], day_end: int):
    problem = Problem(candidates=candidates, travel=minutes, day_start=0.0, day_end=float(day_end))
    return solve(problem, time_limit=1.0, seed=0)


def _set_times(
    tour: Tour, stops: list[TourStop], windows: list, minutes: list[list[float]]
) -> None:
    """Write the earliest times of this order, or refuse without changing anything."""
    result = schedule_in_order([stop.stay_minutes for stop in stops], windows, minutes)
    if isinstance(result, int):
        raise _unreachable(stops[result])
    starts, back = result
    if back > tour.duration_minutes:
        raise _too_long(tour, back)
    others = [stop for stop in tour.stops if stop not in stops]
    for position, (stop, start) in enumerate(zip(stops, starts, strict=True)):
        stop.position, stop.offset_minutes = position, start
    for position, stop in enumerate(others, start=len(stops)):
        stop.position = position
    tour.stops.sort(key=lambda stop: stop.position)
    db.session.commit()


def _too_long(tour: Tour, needed: int) -> Invalid:
    return Invalid(
        "stops_too_long",
        _("These stops need %(needed)s with travel from and back to the meeting point, but the "
          "tour lasts %(length)s. Nothing was changed: lengthen the tour or remove a stop.",
          needed=hours(needed), length=hours(tour.duration_minutes)),
        {"duration_minutes": _("at least %(n)d minutes", n=needed)},
    )  # fmt: skip


def _unreachable(stop: TourStop) -> Invalid:
    return Invalid(
        "workshop_unreachable",
        _("In this order the group reaches %(title)s after its last time that fits the tour. "
          "Nothing was changed: move it earlier or let the planner order the stops.",
          title=tr(stop.experience, "title") if stop.experience else ""),
    )  # fmt: skip


def _unfit(stops: list[TourStop], error: Infeasible) -> Invalid:
    names = ", ".join(
        tr(stops[key].experience or stops[key].village,
           "title" if stops[key].experience else "name")
        for key in error.keys if isinstance(key, int) and 0 <= key < len(stops)
    )  # fmt: skip
    return Invalid(
        "no_order",
        _("No route reaches every workshop at a time it runs (%(names)s). Nothing was changed.",
          names=names or _("all stops")),
    )  # fmt: skip
