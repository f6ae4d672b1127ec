"""Public tour pages: the catalogue and a tour with its route map and departures."""

from flask import Blueprint, render_template
from flask_babel import gettext as _

from app import maps
from app.experiences import cards
from app.i18n import tr
from app.operators import services
from app.operators.models import Tour
from app.operators.rules import stop_time
from app.requestargs import int_arg
from app.timeutil import to_local, utcnow

bp = Blueprint("tours", __name__, url_prefix="/tours")


@bp.get("/")
def index():
    page = services.published_tours(page=int_arg("page", 1))
    return render_template("operators/tours.html", page=page, covers=cards.tour_covers(page.items))


@bp.get("/<int:tour_id>")
def detail(tour_id: int):
    tour = services.get_published_tour(tour_id)
    departures = services.upcoming_departures(tour.id, utcnow())
    starts = {to_local(departure.starts_at).time() for departure in departures}
    first = departures[0].starts_at if len(starts) == 1 else None  # one time: show clock times
    return render_template(
        "operators/tour.html",
        tour=tour,
        cover=cards.tour_covers([tour])[tour.id],
        route=_route_map(tour),
        departures=departures,
        stops=[(stop, first and stop_time(first, stop.offset_minutes)) for stop in tour.stops],
    )


def _route_map(tour: Tour) -> maps.EmbeddedMap | None:
    """The route from the meeting point through the numbered stops and back."""
    stops = [
        maps.MapStop(
            number=number,
            lat=stop.village.lat,
            lon=stop.village.lon,
            label=tr(stop.experience or stop.village, "title" if stop.experience else "name"),
            kind="experience" if stop.experience else "village",
        )
        for number, stop in enumerate(tour.stops, start=1)
        if stop.village.has_point
    ]
    if not stops or tour.meeting_geo is None:
        return None
    legend = {
        "start": _("Meeting point"),
        "experience": _("Workshop"),
        "village": _("Village visit"),
    }
    return maps.plan_map(tour.meeting_geo, stops, legend)
