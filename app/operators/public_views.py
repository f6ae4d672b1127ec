"""Public tour pages: the catalogue and a tour with its route map and departures."""

from flask import Blueprint, render_template
from flask_babel import gettext as _

from app import maps
from app.i18n import tr
from app.operators import services
from app.requestargs import int_arg
from app.timeutil import utcnow

bp = Blueprint("tours", __name__, url_prefix="/tours")


@bp.get("/")
def index():
    return render_template(
        "operators/tours.html", page=services.published_tours(page=int_arg("page", 1))
    )


@bp.get("/<int:tour_id>")
def detail(tour_id: int):
    tour = services.get_published_tour(tour_id)
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
    route = (
        maps.plan_map(
            services.HANOI_CENTRE,
            stops,
            {
                "start": _("Meeting point"),
                "experience": _("Workshop"),
                "village": _("Village visit"),
            },
        )
        if stops
        else None
    )
    return render_template(
        "operators/tour.html",
        tour=tour,
        route=route,
        departures=services.upcoming_departures(tour.id, utcnow()),
    )
