"""Operator departures (/operator/…): list and schedule, edit and move, cancel, reserve
workshops, calendar, manifest with check-in, utilisation report."""

from datetime import date, timedelta

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.accounts.access import role_required
from app.bookings import hosting
from app.bookings.forms import AnswerForm
from app.errors import Conflict, Invalid
from app.operators import calendar as operator_calendar
from app.operators import departures, forms, reservations, services
from app.requestargs import FIRST_DATE, LAST_DATE, date_arg
from app.timeutil import HANOI, to_local, utcnow

bp = Blueprint("departures", __name__, url_prefix="/operator")
ROLES = ("operator", "admin")


def _departure_form(obj=None) -> forms.DepartureForm:
    form = forms.DepartureForm(obj=obj)
    guides, vehicles = services.company_resources(current_user)
    form.guide_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(guide.id, guide.name) for guide in guides
    ]
    form.vehicle_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(vehicle.id, f"{vehicle.name} ({vehicle.seats})") for vehicle in vehicles
    ]
    return form


def _data(form: forms.DepartureForm) -> departures.DepartureData:
    return departures.DepartureData(
        starts_at=form.starts_at.data.replace(tzinfo=HANOI),
        capacity=form.capacity.data,
        guide_id=form.guide_id.data or None,
        vehicle_id=form.vehicle_id.data or None,
        note=form.note.data or "",
    )


@bp.route("/tours/<int:tour_id>/departures", methods=["GET", "POST"])
@role_required(*ROLES)
def index(tour_id: int):
    tour = services.get_tour_for_edit(tour_id, current_user)
    form = _departure_form()
    if form.validate_on_submit():
        try:
            departures.add_departure(tour.id, current_user, _data(form), utcnow())
        except (Invalid, Conflict) as error:
            form.show(error)
        else:
            flash(_("Departure scheduled."), "success")
            return redirect(url_for("departures.index", tour_id=tour.id))
    upcoming = services.upcoming_departures(tour.id, utcnow())
    return render_template(
        "operators/departures.html",
        tour=tour,
        form=form,
        rule_form=forms.DepartureRuleForm(),
        upcoming=upcoming,
    ), (422 if form.errors or form.form_errors else 200)


@bp.post("/tours/<int:tour_id>/departure-rules")
@role_required(*ROLES)
def add_rule(tour_id: int):
    form = forms.DepartureRuleForm()
    if form.validate_on_submit():
        try:
            created = departures.add_departure_rule(
                tour_id,
                current_user,
                {
                    name: form[name].data
                    for name in ("weekdays", "start_times", "starts_on", "ends_on", "capacity")
                },
                utcnow(),
            )
        except (Invalid, Conflict) as error:
            flash(error.message, "danger")
        else:
            flash(_("%(n)d departures scheduled.", n=created), "success")
    else:
        flash(_("Check the weekly departures form."), "danger")
    return redirect(url_for("departures.index", tour_id=tour_id))


@bp.route("/departures/<int:departure_id>", methods=["GET", "POST"])
@role_required(*ROLES)
def edit(departure_id: int):
    departure = departures.get_departure_for_edit(departure_id, current_user)
    form = _departure_form(obj=departure)
    if not form.is_submitted():
        form.starts_at.data = to_local(departure.starts_at).replace(tzinfo=None)
        form.guide_id.data, form.vehicle_id.data = (
            departure.guide_id or 0,
            departure.vehicle_id or 0,
        )
    if form.validate_on_submit():
        try:
            departures.update_departure(departure.id, current_user, _data(form), utcnow())
        except (Invalid, Conflict) as error:
            form.show(error)
        else:
            flash(_("Departure saved; guests and villages are told of any new time."), "success")
            return redirect(url_for("departures.edit", departure_id=departure.id))
    return render_template(
        "operators/departure.html",
        departure=departure,
        form=form,
        checks=reservations.stop_checks(departure),
        reserve_form=forms.ReserveForm(places=departure.capacity),
        cancel_form=forms.CancelForm(),
    ), (422 if form.errors else 200)


@bp.post("/departures/<int:departure_id>/reserve")
@role_required(*ROLES)
def reserve(departure_id: int):
    form = forms.ReserveForm()
    if form.validate_on_submit():
        try:
            reservations.reserve_workshops(departure_id, current_user, form.places.data, utcnow())
        except (Invalid, Conflict) as error:
            flash(error.message, "danger")
        else:
            flash(_("Workshop places requested from the villages."), "success")
    return redirect(url_for("departures.edit", departure_id=departure_id))


@bp.post("/departures/<int:departure_id>/cancel")
@role_required(*ROLES)
def cancel(departure_id: int):
    form = forms.CancelForm()
    if form.validate_on_submit():
        count = departures.cancel_departure(departure_id, current_user, form.reason.data, utcnow())
        flash(_("Departure cancelled; %(n)d bookings cancelled and told.", n=count), "success")
    else:
        flash(_("Give the guests a reason."), "danger")
    return redirect(url_for("departures.edit", departure_id=departure_id))


@bp.get("/calendar")
@role_required(*ROLES)
def calendar():
    view = "week" if request.args.get("view") == "week" else "month"
    now = utcnow()
    today = to_local(now).date()
    next_open = operator_calendar.next_open_date(current_user, now)
    days, previous, following = operator_calendar.period(view, _date_arg() or next_open or today)
    by_day: dict[date, list] = {}
    for departure in departures.departures_between(current_user, days[0], days[-1]):
        by_day.setdefault(to_local(departure.starts_at).date(), []).append(departure)
    return render_template(
        "operators/calendar.html",
        view=view,
        days=days,
        by_day=by_day,
        first=days[0],
        today=today,
        next_open=next_open,
        previous=previous,
        following=following,
    )


def _date_arg() -> date | None:
    day = date_arg("date")
    if day is not None and not FIRST_DATE + timedelta(days=62) <= day <= LAST_DATE - timedelta(
        days=62
    ):
        raise Invalid("bad_date", _("Choose a date between 2000 and 2100."), {"date": "range"})
    return day


@bp.get("/departures/<int:departure_id>/manifest")
@role_required(*ROLES)
def manifest(departure_id: int):
    departure = departures.get_departure_for_edit(departure_id, current_user)
    return render_template(
        "operators/manifest.html",
        departure=departure,
        items=departures.live_items(departure.id),
        checks=sorted(reservations.stop_checks(departure), key=lambda check: check.expected_at),
    )


@bp.post("/items/<int:item_id>/<any(confirm, decline):answer>")
@role_required(*ROLES)
def answer(item_id: int, answer: str):
    """Operators confirm or decline requests on their on-request tours, like hosts do."""
    form = AnswerForm()
    if not form.validate_on_submit():
        errors = " ".join(form.message.errors)
        raise Invalid("bad_message", errors, {"message": errors})
    action = hosting.confirm_item if answer == "confirm" else hosting.decline_item
    try:
        item = action(item_id, current_user, utcnow(), form.message.data or "")
    except Conflict as error:
        flash(error.message, "warning")
        return redirect(url_for("operators.dashboard"))
    flash(
        _("Confirmed: the guest is told.")
        if answer == "confirm"
        else _("Declined: the guest is told and the seats are free."),
        "success",
    )
    return redirect(_after_answer(item))


def _after_answer(item) -> str:
    """The departure's manifest; an admin answering a workshop item here goes to the inbox."""
    if item.departure_id is None:
        return url_for("bookings_host.inbox")
    return url_for("departures.manifest", departure_id=item.departure_id)


@bp.post("/manifest/items/<int:item_id>/check-in")
@role_required(*ROLES)
def check_in(item_id: int):
    item = departures.check_in(
        item_id, current_user, utcnow(), present=request.form.get("present") == "1"
    )
    return redirect(url_for("departures.manifest", departure_id=item.departure_id))


@bp.get("/departures/<int:departure_id>/manifest.csv")
@role_required(*ROLES)
def manifest_csv(departure_id: int):
    departure = departures.get_departure_for_edit(departure_id, current_user)
    return Response(
        departures.manifest_csv(departure),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=manifest-departure-{departure.id}.csv"
        },
    )


@bp.get("/report")
@role_required(*ROLES)
def report():
    today = to_local(utcnow()).date()
    first = _date_arg() or today - timedelta(days=today.weekday())
    last = first + timedelta(weeks=8) - timedelta(days=1)
    by_week, by_village = departures.utilisation_report(current_user, first, last)
    return render_template(
        "operators/report.html", by_week=by_week, by_village=by_village, first=first, last=last
    )
