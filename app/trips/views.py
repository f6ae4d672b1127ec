"""Planner pages: the form and its result, save and share, ICS and GPX downloads."""

from flask import Blueprint, Response, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from wtforms.fields.core import UnboundField

from app.errors import Invalid
from app.forms import AppForm
from app.timeutil import to_local, utcnow
from app.trips import checks, exports, pages, services
from app.trips.forms import PlannerForm
from app.trips.result import from_json, to_json

bp = Blueprint("trips", __name__, url_prefix="/plan")
#: The planner form's fields (its CSRF token aside): the only query keys a plan keeps.
FIELDS = frozenset(
    name for name in dir(PlannerForm) if isinstance(getattr(PlannerForm, name), UnboundField)
) - {"csrf_token"}


@bp.get("/")
def index():
    args = planner_args(request.args)
    form, plans = _planned(args)
    context = pages.context(plans, args=args) if plans else {}
    status = 422 if form.errors or form.form_errors else 200
    return _page(form, context, status, args)


@bp.post("/save")
def save():
    args = planner_args(request.form)
    form, plans = _planned(args)
    if not plans:
        return _page(form, {}, 422, args)
    saved = services.save_plan(args.to_dict(flat=False), {"days": [to_json(p) for p in plans]})
    return redirect(url_for("trips.shared", slug=saved.slug))


@bp.get("/s/<slug>")
def shared(slug: str):
    saved = services.get_saved(slug)
    plans = [from_json(day) for day in saved.result["days"]]
    args = planner_args(MultiDict(saved.request))
    context = pages.context(plans, args=args, read_only=True)
    return render_template("trips/shared.html", saved=saved, plan_args=args, **context)


@bp.get("/plan.<any(ics, gpx):kind>")
def export(kind: str):
    args = planner_args(request.args)
    _form, plans = _planned(args)
    if not plans:
        return redirect(url_for("trips.index", **args.to_dict(flat=False)))
    return _download(plans, kind, "lang-nghe-plan")


@bp.get("/s/<slug>.<any(ics, gpx):kind>")
def shared_export(slug: str, kind: str):
    plans = [from_json(day) for day in services.get_saved(slug).result["days"]]
    return _download(plans, kind, f"lang-nghe-{slug}")


def planner_args(values: MultiDict) -> MultiDict:
    """Only the planner form's own fields: anything else is dropped before it is saved or
    fed to url_for (where `_scheme` or `_anchor` would change or break every link)."""
    return MultiDict([(key, value) for key, value in values.items(multi=True) if key in FIELDS])


def _page(form: PlannerForm, context: dict, status: int, args: MultiDict):
    picker = pages.picker(form)
    return render_template(
        "trips/index.html",
        form=form,
        save_form=AppForm(),
        picker=picker,
        plan_args=args,
        **context,
    ), status


def _planned(args: MultiDict) -> tuple[PlannerForm, list]:
    """The form bound to `args` and, when it is filled in and valid, the planned days."""
    form = pages.planner_form(args)
    if "date" not in args or not form.validate():
        return form, []
    now = utcnow()
    try:
        checks.check_day(form.date.data, to_local(now).date(), *form.day_window)
        checks.check_point(*form.start_point, field="lat")
    except Invalid as error:
        form.show(error)
        return form, []
    return form, services.plan_trip(form.day_request(), form.days.data, now=now)


def _download(plans: list, kind: str, name: str) -> Response:
    labels = pages.labels(plans)
    if kind == "ics":
        body, mimetype = exports.ics(plans, labels, utcnow()), "text/calendar"
    else:
        body, mimetype = exports.gpx(plans, labels), "application/gpx+xml"
    disposition = f'attachment; filename="{name}.{kind}"'
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})
