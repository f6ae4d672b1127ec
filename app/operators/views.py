"""Operator workspace (/operator/…): tours and their stops, guides and vehicles."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from app.accounts.access import role_required
from app.errors import Conflict, Invalid
from app.extensions import db
from app.operators import forms, services
from app.operators.models import Guide, TourStop, Vehicle
from app.villages.models import Village

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
        tour = services.save_tour(current_user, form.tour_data(), tour_id=tour_id)
        flash(_("Tour saved."), "success")
        return redirect(url_for("operators.stops", tour_id=tour.id))
    return render_template("operators/tour_form.html", form=form, tour=tour), (
        422 if form.errors else 200
    )


def _stop_form() -> forms.StopForm:
    form = forms.StopForm()
    form.village.choices = [
        SelectChoice(slug, name)
        for slug, name in db.session.execute(
            select(Village.slug, Village.name_vi)
            .where(Village.lat.is_not(None))
            .order_by(Village.slug)
        )
    ]
    return form


@bp.route("/tours/<int:tour_id>/stops", methods=["GET", "POST"])
@role_required(*ROLES)
def stops(tour_id: int):
    tour = services.get_tour_for_edit(tour_id, current_user)
    form = _stop_form()
    if form.validate_on_submit():
        try:
            services.add_stop(
                tour.id,
                current_user,
                form.village.data,
                form.experience_id.data,
                form.offset_minutes.data or 0,
                form.stay_minutes.data,
            )
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Stop added."), "success")
            return redirect(url_for("operators.stops", tour_id=tour.id))
    return render_template("operators/stops.html", tour=tour, form=form), (
        422 if form.errors else 200
    )


@bp.post("/stops/<int:stop_id>/delete")
@role_required(*ROLES)
def delete_stop(stop_id: int):
    stop = db.get_or_404(TourStop, stop_id)
    tour_id = stop.tour_id
    services.remove_stop(stop_id, current_user)
    flash(_("Stop removed."), "success")
    return redirect(url_for("operators.stops", tour_id=tour_id))


@bp.post("/tours/<int:tour_id>/propose-order")
@role_required(*ROLES)
def propose_order(tour_id: int):
    try:
        services.propose_order(tour_id, current_user)
    except Invalid as error:
        flash(error.message, "warning")
    else:
        flash(
            _("The planner ordered the stops for the least travel and set their times."), "success"
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
