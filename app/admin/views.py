"""Admin routes (/admin/…): requests, villages (publish, import, export), users."""

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts import services as accounts
from app.accounts.access import role_required
from app.admin import forms, services
from app.errors import Conflict, Invalid
from app.requestargs import int_arg, str_arg
from app.villages import importing

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@role_required("admin")
def dashboard():
    return render_template(
        "admin/dashboard.html",
        requests=services.pending_requests(current_user),
        decided=services.recent_decisions(current_user),
        form=forms.DecisionForm(),
    )


@bp.post("/requests/<int:request_id>/<any(approve, reject):decision>")
@role_required("admin")
def decide(request_id: int, decision: str):
    form = forms.DecisionForm()
    if form.validate_on_submit():
        try:
            accounts.decide_request(
                request_id, current_user, decision == "approve", form.note.data or ""
            )
        except Conflict as error:
            flash(error.message, "warning")
        else:
            flash(
                _("Request approved.") if decision == "approve" else _("Request rejected."),
                "success",
            )
    return redirect(url_for("admin.dashboard"))


@bp.get("/villages")
@role_required("admin")
def villages():
    page = services.all_villages(current_user, int_arg("page", 1))
    return render_template(
        "admin/villages.html", page=page, form=forms.ButtonForm(), import_form=forms.ImportForm()
    )


@bp.post("/villages/<slug>/<any(publish, hide):action>")
@role_required("admin")
def publish(slug: str, action: str):
    if forms.ButtonForm().validate_on_submit():
        village = services.set_village_published(slug, current_user, action == "publish")
        flash(
            _(
                "%(name)s is now %(state)s.",
                name=village.name_vi,
                state=_("published") if village.is_published else _("hidden"),
            ),
            "success",
        )
    return redirect(url_for("admin.villages", page=int_arg("page", 1)))


@bp.post("/villages/import")
@role_required("admin")
def import_villages():
    form = forms.ImportForm()
    if form.validate_on_submit():
        try:
            text = form.file.data.read().decode("utf-8")
            report = importing.import_villages_text(text)
        except UnicodeDecodeError:
            form.file.errors.append(_("The file is not UTF-8 text; nothing was imported."))
        except Invalid as error:
            form.show(error)
            return render_template("admin/import_errors.html", error=error, form=form), 422
        else:
            flash(_("Import done: %(report)s.", report=str(report)), "success")
            return redirect(url_for("admin.villages"))
    page = services.all_villages(current_user, 1)
    return render_template(
        "admin/villages.html", page=page, form=forms.ButtonForm(), import_form=form
    ), 422


@bp.get("/villages/export.csv")
@role_required("admin")
def export_villages():
    return Response(
        importing.export_villages_text(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=villages.csv"},
    )


@bp.get("/users")
@role_required("admin")
def users():
    page = services.list_users(current_user, str_arg("q"), int_arg("page", 1))
    return render_template("admin/users.html", page=page, q=str_arg("q"), form=forms.RoleForm())


@bp.post("/users/<int:user_id>/role")
@role_required("admin")
def change_role(user_id: int):
    form = forms.RoleForm()
    if form.validate_on_submit():
        try:
            user = services.change_role(user_id, current_user, form.role.data)
        except (Invalid, Conflict) as error:
            flash(error.message, "warning")
        else:
            flash(_("%(email)s is now %(role)s.", email=user.email, role=user.role), "success")
    return redirect(url_for("admin.users"))
