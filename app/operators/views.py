"""Operator workspace (/operator/…): tours and their stops (by hand or by the stops planner),
guides and vehicles."""

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import maps
from app.accounts.access import role_required
from app.errors import Conflict, Invalid
from app.formatting import local_clock
from app.operators import forms, services, stop_planning, stops
from app.operators.models import Guide, TourStop, Vehicle
from app.timeutil import utcnow

bp = Blueprint("operators", __name__, url_prefix="/operator")
ROLES = ("operator", "admin")


@bp.get("/")
@role_required(*ROLES)
def dashboard():
    guides, vehicles = (
        services.company_resources(current_user) if current_user.operator_id else ([], [])
    )
    return render_template(
        "operators/dashboard.html",
        tours=services.operator_tours(current_user),
        guides=guides,
        vehicles=vehicles,
        guide_form=forms.GuideForm(),
        vehicle_form=forms.VehicleForm(),
    )


@bp.route("/tours/new", methods=["GET", "POST"])
@bp.route("/tours/<int:tour_id>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_tour(tour_id: int | None = None):
    tour = services.get_tour_for_edit(tour_id, current_user) if tour_id else None
    form = forms.TourForm(obj=tour)
    if tour is not None and not form.is_submitted():
        form.languages.data = tour.language_list
    if form.validate_on_submit():
        try:
            tour = services.save_tour(current_user, form.tour_data(), tour_id=tour_id)
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Tour saved."), "success")
            return redirect(url_for("operators.stops", tour_id=tour.id))
    point = (form.meeting_lat.data, form.meeting_lon.data)
    placed = None not in point and not (form.meeting_lat.errors or form.meeting_lon.errors)
    picker = maps.start_picker_map(point if placed else None)
    return render_template("operators/tour_form.html", form=form, tour=tour, picker=picker), (
        422 if form.errors or form.form_errors else 200
    )


def _stop_form(stop: TourStop | None = None) -> forms.StopForm:
    form = forms.StopForm(obj=stop)
    form.set_places(stops.stop_places())
    if stop is not None and not form.is_submitted():
        form.place.data = form.place_of(stop)
    return form


def _save_stop(form: forms.StopForm, save) -> bool:
    """Validate, then call `save(StopData)`; service errors go on the form's fields."""
    if not form.validate_on_submit():
        return False
    try:
        save(stops.StopData(**form.stop_data()))
    except Invalid as error:
        form.show(error)
        return False
    return True


@bp.route("/tours/<int:tour_id>/stops", methods=["GET", "POST"], endpoint="stops")
@role_required(*ROLES)
def stops_page(tour_id: int):
    tour = services.get_tour_for_edit(tour_id, current_user)
    form = _stop_form()
    if _save_stop(form, lambda data: stops.add_stop(tour.id, current_user, data)):
        flash(_("Stop added."), "success")
        return redirect(url_for("operators.stops", tour_id=tour.id))
    departure, rows = stops.stop_rows(tour, utcnow())
    return render_template(
        "operators/stops.html",
        tour=tour,
        form=form,
        departure=departure,
        rows=rows,
        offset_help=_offset_help(departure),
    ), (422 if form.errors or form.form_errors else 200)


@bp.route("/stops/<int:stop_id>/edit", methods=["GET", "POST"])
@role_required(*ROLES)
def edit_stop(stop_id: int):
    stop = stops.get_stop_for_edit(stop_id, current_user)
    form = _stop_form(stop)
    if _save_stop(form, lambda data: stops.update_stop(stop.id, current_user, data)):
        flash(_("Stop saved."), "success")
        return redirect(url_for("operators.stops", tour_id=stop.tour_id))
    departure = stops.next_departure(stop.tour_id, utcnow())
    return render_template(
        "operators/stop_form.html", stop=stop, form=form, offset_help=_offset_help(departure)
    ), (422 if form.errors or form.form_errors else 200)


def _offset_help(departure) -> str | None:
    """The offset field's meaning in clock time, for the next departure."""
    if departure is None:
        return None
    return _(
        "For the departure at %(time)s, 60 means %(arrive)s.",
        time=local_clock(departure.starts_at),
        arrive=local_clock(departure.starts_at + timedelta(minutes=60)),
    )


@bp.post("/stops/<int:stop_id>/move")
@role_required(*ROLES)
def move_stop(stop_id: int):
    step = -1 if request.form.get("direction") == "up" else 1
    stop = stops.move_stop(stop_id, current_user, step)
    flash(_("Stop moved. Check the times, or let the planner set them."), "success")
    return redirect(url_for("operators.stops", tour_id=stop.tour_id, _anchor=f"stop-{stop.id}"))


@bp.post("/stops/<int:stop_id>/delete")
@role_required(*ROLES)
def delete_stop(stop_id: int):
    tour_id = stops.remove_stop(stop_id, current_user)
    flash(_("Stop removed."), "success")
    return redirect(url_for("operators.stops", tour_id=tour_id))


@bp.post("/tours/<int:tour_id>/<any('propose-order', 'set-times'):how>")
@role_required(*ROLES)
def plan_stops(tour_id: int, how: str):
    """The stops planner: choose the order and times, or only the times of this order."""
    plan = stop_planning.propose_order if how == "propose-order" else stop_planning.set_times
    try:
        plan(tour_id, current_user, utcnow())
    except Invalid as error:
        flash(error.message, "danger")
    else:
        flash(
            _("The planner ordered the stops for the least travel and set their times.")
            if how == "propose-order"
            else _("The planner set the times for this order."),
            "success",
        )
    return redirect(url_for("operators.stops", tour_id=tour_id))


@bp.post("/guides")
@role_required(*ROLES)
def add_guide():
    form = forms.GuideForm()
    if form.validate_on_submit():
        services.add_guide(
            current_user, form.name.data, form.phone.data or "", form.languages.data or "vi"
        )
        flash(_("Guide added."), "success")
    return redirect(url_for("operators.dashboard"))


@bp.post("/vehicles")
@role_required(*ROLES)
def add_vehicle():
    form = forms.VehicleForm()
    if form.validate_on_submit():
        services.add_vehicle(current_user, form.name.data, form.seats.data)
        flash(_("Vehicle added."), "success")
    return redirect(url_for("operators.dashboard"))


@bp.post("/<any(guides, vehicles):kind>/<int:resource_id>/delete")
@role_required(*ROLES)
def delete_resource(kind: str, resource_id: int):
    try:
        services.delete_resource(Guide if kind == "guides" else Vehicle, resource_id, current_user)
    except Conflict as error:
        flash(error.message, "warning")
    return redirect(url_for("operators.dashboard"))
