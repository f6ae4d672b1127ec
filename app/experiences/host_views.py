"""Host routes for workshops: experiences, slots, weekly rules, closed days, the calendar."""

from datetime import date, datetime, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.access import role_required
from app.errors import Conflict, Invalid
from app.experiences import forms, services, slots
from app.experiences.models import SlotRule
from app.experiences.schedule import public_holidays
from app.extensions import db
from app.requestargs import FIRST_DATE, LAST_DATE, str_arg
from app.timeutil import HANOI, to_local, utcnow

bp = Blueprint("experiences_host", __name__, url_prefix="/host")
HOST_ROLES = ("host", "admin")


@bp.get("/experiences/")
@role_required(*HOST_ROLES)
def index():
    return render_template(
        "experiences/host_index.html", experiences=services.managed_experiences(current_user)
    )


@bp.route("/villages/<slug>/experiences/new", methods=["GET", "POST"])
@role_required(*HOST_ROLES)
def new(slug: str):
    form = forms.ExperienceForm()
    if form.validate_on_submit():
        try:
            experience = services.create_experience(
                slug, current_user, form.experience_data(), photo=form.photo.data or None
            )
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Workshop created. Now open its slots."), "success")
            return redirect(url_for("experiences_host.slots_page", experience_id=experience.id))
    return render_template(
        "experiences/host_form.html", form=form, slug=slug, experience=None
    ), 422 if form.errors else 200


@bp.route("/experiences/<int:experience_id>/edit", methods=["GET", "POST"])
@role_required(*HOST_ROLES)
def edit(experience_id: int):
    experience = services.get_experience_for_edit(experience_id, current_user)
    form = forms.ExperienceForm(obj=experience)
    if not form.is_submitted():
        form.languages.data = experience.language_list
    if form.validate_on_submit():
        try:
            services.update_experience(
                experience.id, current_user, form.experience_data(), photo=form.photo.data or None
            )
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Workshop saved."), "success")
            return redirect(url_for("experiences_host.index"))
    return render_template(
        "experiences/host_form.html", form=form, experience=experience, slug=experience.village.slug
    ), 422 if form.errors else 200


@bp.get("/experiences/<int:experience_id>/slots")
@role_required(*HOST_ROLES)
def slots_page(experience_id: int, **forms_in_error):
    experience = services.get_experience_for_edit(experience_id, current_user)
    now = utcnow()
    today = to_local(now).date()
    upcoming = services.slots_between(
        experience.id, today, date.fromordinal(today.toordinal() + 30), now=now
    )
    page_forms = {
        "slot_form": forms.SlotForm(),
        "rule_form": forms.RuleForm(),
        "day_form": forms.ClosedDayForm(),
        "capacity_form": forms.CapacityForm(),
        "close_form": forms.CloseSlotForm(),
        **forms_in_error,
    }
    holidays = public_holidays(today, date.fromordinal(today.toordinal() + 365))
    return render_template(
        "experiences/host_slots.html",
        experience=experience,
        upcoming=upcoming,
        holidays=holidays,
        weekday_names=[str(name) for name in forms.WEEKDAYS],
        **page_forms,
    )


@bp.post("/experiences/<int:experience_id>/slots")
@role_required(*HOST_ROLES)
def add_slot(experience_id: int):
    form = forms.SlotForm()
    if form.validate_on_submit():
        starts_at = form.starts_at.data.replace(tzinfo=HANOI)
        try:
            slots.add_slot(experience_id, current_user, starts_at, form.capacity.data, utcnow())
        except (Invalid, Conflict) as error:
            form.show(error)
        else:
            flash(_("Slot opened."), "success")
            return _back(experience_id)
    return slots_page(experience_id, slot_form=form), 422


@bp.post("/experiences/<int:experience_id>/rules")
@bp.post("/experiences/<int:experience_id>/rules/<int:rule_id>")
@role_required(*HOST_ROLES)
def save_rule(experience_id: int, rule_id: int | None = None):
    form = forms.RuleForm()
    if form.validate_on_submit():
        try:
            report = slots.save_rule(
                experience_id, current_user, form.rule_data(), utcnow(), rule_id=rule_id
            )
        except (Invalid, Conflict) as error:
            form.show(error)
        else:
            flash(_rule_message(report), "success")
            return _back(experience_id)
    return slots_page(experience_id, rule_form=form), 422


@bp.post("/rules/<int:rule_id>/delete")
@role_required(*HOST_ROLES)
def delete_rule(rule_id: int):
    experience_id = _rule_experience(rule_id)
    report = slots.delete_rule(rule_id, current_user, utcnow())
    flash(_rule_message(report), "success")
    return _back(experience_id)


@bp.post("/slots/<int:slot_id>/capacity")
@role_required(*HOST_ROLES)
def set_capacity(slot_id: int):
    form = forms.CapacityForm()
    slot = slots.slot_for_edit(slot_id, current_user)
    if form.validate_on_submit():
        try:
            slots.set_capacity(slot_id, current_user, form.capacity.data)
        except (Invalid, Conflict) as error:
            flash(error.message, "danger")
        else:
            flash(_("Capacity changed."), "success")
    return _back(slot.experience_id)


@bp.post("/slots/<int:slot_id>/close")
@role_required(*HOST_ROLES)
def close_slot(slot_id: int):
    form = forms.CloseSlotForm()
    slot = slots.slot_for_edit(slot_id, current_user)
    if form.validate_on_submit():
        try:
            slots.close_slot(
                slot_id,
                current_user,
                form.reason.data or "",
                cancel_bookings=form.cancel_bookings.data,
            )
        except Conflict as error:
            flash(error.message, "danger")
        else:
            flash(_("Slot closed."), "success")
    return _back(slot.experience_id)


@bp.post("/villages/<slug>/closed-days")
@role_required(*HOST_ROLES)
def add_closed_day(slug: str):
    form = forms.ClosedDayForm()
    experience_id = str_arg("experience")
    if form.validate_on_submit():
        try:
            left = slots.add_closed_day(
                slug, current_user, form.closed_on.data, form.reason.data or "", utcnow()
            )
        except Invalid as error:
            flash(error.message, "danger")
        else:
            flash(
                _("Closed day added.")
                + (
                    " "
                    + _(
                        "%(n)d booked slots that day are still open: cancel them with a reason.",
                        n=left,
                    )
                    if left
                    else ""
                ),
                "success",
            )
    if experience_id.isdigit():
        return _back(int(experience_id))
    return redirect(url_for("experiences_host.index"))


@bp.get("/calendar")
@role_required(*HOST_ROLES)
def calendar():
    now = utcnow()
    today = to_local(now).date()
    next_open = services.next_open_date(services.hosted_by(current_user), now)
    month = _month_arg(default=(next_open or today).replace(day=1))
    first, last = services.month_bounds(month.year, month.month)
    by_day: dict[int, list] = {}
    for slot in services.host_slots(current_user, first, last):
        by_day.setdefault(to_local(slot.starts_at).day, []).append(slot)
    return render_template(
        "experiences/host_calendar.html",
        days=[first + timedelta(days=offset) for offset in range(last.day)],
        by_day=by_day,
        today=today,
        next_open=next_open,
        previous=(first - timedelta(days=1)).strftime("%Y-%m"),
        following=(last + timedelta(days=1)).strftime("%Y-%m"),
    )


def _month_arg(default: date) -> date:
    raw = str_arg("month", limit=7)
    if not raw:
        return default
    try:
        month = datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        month = None
    if month is None or not FIRST_DATE <= month <= LAST_DATE:
        raise Invalid("bad_month", _("month must look like 2026-12."), {"month": _("like 2026-12")})
    return month


def _rule_experience(rule_id: int) -> int:
    rule = db.session.get(SlotRule, rule_id)
    if rule is None:
        abort(404)
    return rule.experience_id


def _rule_message(report: slots.RuleReport) -> str:
    message = _(
        "%(created)d slots opened, %(deleted)d removed.",
        created=report.created,
        deleted=report.deleted,
    )
    if report.kept_with_bookings:
        message += " " + _(
            "%(n)d slots with bookings were kept: close them one by one if needed.",
            n=report.kept_with_bookings,
        )
    return message


def _back(experience_id: int):
    return redirect(url_for("experiences_host.slots_page", experience_id=experience_id))
