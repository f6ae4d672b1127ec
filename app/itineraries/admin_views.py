"""Admins edit the routes (/admin/routes/…): list, create, edit, delete."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.access import role_required
from app.errors import Invalid
from app.forms import AppForm
from app.itineraries import admin_services
from app.itineraries.forms import ItineraryForm
from app.itineraries.rules import StopLine, format_stop_lines

bp = Blueprint("itineraries_admin", __name__, url_prefix="/admin/routes")


@bp.get("/")
@role_required("admin")
def index():
    routes = admin_services.all_itineraries(current_user)
    return render_template("admin/routes.html", routes=routes, form=AppForm())


@bp.route("/new", methods=["GET", "POST"])
@role_required("admin")
def new():
    return _edit(ItineraryForm(), None)


@bp.route("/<int:itinerary_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def edit(itinerary_id: int):
    itinerary = admin_services.get_for_edit(itinerary_id, current_user)
    form = ItineraryForm(obj=itinerary)
    if not form.is_submitted():
        form.stops.data = format_stop_lines(
            [StopLine(s.village.slug, s.note_en, s.note_vi) for s in itinerary.stops]
        )
    return _edit(form, itinerary)


@bp.post("/<int:itinerary_id>/delete")
@role_required("admin")
def delete(itinerary_id: int):
    if AppForm().validate_on_submit():
        admin_services.delete_itinerary(itinerary_id, current_user)
        flash(_("Route deleted."), "success")
    return redirect(url_for("itineraries_admin.index"))


def _edit(form: ItineraryForm, itinerary):
    if form.validate_on_submit():
        data, stops = form.route_data()
        try:
            saved = admin_services.save_itinerary(
                current_user, data, stops, itinerary.id if itinerary else None
            )
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Route “%(title)s” saved.", title=saved.title_vi), "success")
            return redirect(url_for("itineraries_admin.index"))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("admin/route_form.html", form=form, route=itinerary), status
