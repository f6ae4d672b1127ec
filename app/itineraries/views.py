"""The city's craft-village routes: the list, one route (story, map, villages), and
"plan this route on <date>", which opens the planner with the route's villages pinned."""

from flask import Blueprint, redirect, render_template, request, url_for

from app.errors import Invalid
from app.itineraries import maps, services
from app.itineraries.forms import RoutePlanForm
from app.timeutil import to_local, utcnow
from app.trips import checks

bp = Blueprint("itineraries", __name__, url_prefix="/routes")


@bp.get("/")
def index():
    return render_template("itineraries/index.html", routes=services.published_itineraries())


@bp.get("/<slug>")
def detail(slug: str):
    itinerary = services.get_itinerary(slug)
    return _page(itinerary, RoutePlanForm(formdata=None)), 200


@bp.get("/<slug>/plan")
def plan(slug: str):
    itinerary = services.get_itinerary(slug)
    form = RoutePlanForm(formdata=request.args)
    if form.validate():
        now = utcnow()
        party = services.Party(form.adults.data, form.children.data or 0)
        try:
            checks.check_day(form.date.data, to_local(now).date(), 8 * 60, 18 * 60)
            args = services.planner_args(itinerary, form.date.data, party, now=now)
        except Invalid as error:
            form.show(error)
        else:
            return redirect(url_for("trips.index", **args))
    return _page(itinerary, form), 422


def _page(itinerary, form: RoutePlanForm) -> str:
    return render_template(
        "itineraries/detail.html",
        route=itinerary,
        route_map=maps.route_map(itinerary),
        villages=services.plannable_villages(itinerary),
        start=services.start_place(itinerary),
        form=form,
    )
