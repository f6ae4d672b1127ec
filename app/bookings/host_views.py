"""Host booking pages: the inbox, confirm or decline, and the manifest of a slot."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.access import role_required
from app.bookings import forms, hosting
from app.errors import Conflict
from app.experiences import services as experiences
from app.requestargs import int_arg, str_arg
from app.timeutil import utcnow

bp = Blueprint("bookings_host", __name__, url_prefix="/host/bookings")
HOST_ROLES = ("host", "admin")


@bp.get("/")
@role_required(*HOST_ROLES)
def inbox():
    filters = hosting.InboxFilters(
        status=str_arg("status") or "pending", experience_id=int_arg("experience", 0) or None
    )
    page = hosting.inbox(current_user, filters, page=int_arg("page", 1))
    return render_template(
        "bookings/inbox.html",
        page=page,
        filters=filters,
        statuses=hosting.INBOX_STATUSES,
        form=forms.AnswerForm(),
        experiences=experiences.managed_experiences(current_user),
    )


@bp.post("/items/<int:item_id>/<any(confirm, decline):answer>")
@role_required(*HOST_ROLES)
def answer(item_id: int, answer: str):
    form = forms.AnswerForm()
    if form.validate_on_submit():
        action = hosting.confirm_item if answer == "confirm" else hosting.decline_item
        try:
            action(item_id, current_user, utcnow(), form.message.data or "")
        except Conflict as error:
            flash(error.message, "warning")
        else:
            flash(
                _("Confirmed: the guest is told.")
                if answer == "confirm"
                else _("Declined: the guest is told and the places are free."),
                "success",
            )
    return redirect(
        request.referrer if _local(request.referrer) else url_for("bookings_host.inbox")
    )


@bp.get("/slots/<int:slot_id>/manifest")
@role_required(*HOST_ROLES)
def manifest(slot_id: int):
    slot, items = hosting.manifest(slot_id, current_user)
    return render_template("bookings/manifest.html", slot=slot, items=items)


@bp.get("/slots/<int:slot_id>/manifest.csv")
@role_required(*HOST_ROLES)
def manifest_csv(slot_id: int):
    slot, items = hosting.manifest(slot_id, current_user)
    return Response(
        hosting.manifest_csv(slot, items),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename=manifest-slot-{slot.id}.csv"},
    )


def _local(url: str | None) -> bool:
    return bool(url) and url.startswith(request.host_url)
