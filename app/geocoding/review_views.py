"""Admin review of geocoder proposals (/admin/locations/): each proposal beside the current
point on a map, with the distance and the source; accept or reject."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.accounts.access import role_required
from app.errors import Conflict
from app.forms import AppForm
from app.geocoding import maps, review_services
from app.requestargs import int_arg
from app.timeutil import utcnow

bp = Blueprint("locations", __name__, url_prefix="/admin/locations")
EVENT_LABELS = {
    "host_moved": _l("moved on the map by a host or admin"),
    "proposal_accepted": _l("proposal accepted"),
    "proposal_rejected": _l("proposal rejected"),
}


@bp.get("/")
@role_required("admin")
def index():
    page = review_services.pending_proposals(current_user, int_arg("page", 1))
    return render_template(
        "admin/locations.html",
        page=page,
        maps={proposal.id: maps.proposal_map(proposal) for proposal in page.items},
        events=review_services.recent_events(current_user),
        event_labels=EVENT_LABELS,
        form=AppForm(),
    )


@bp.post("/<int:proposal_id>/<any(accept, reject):decision>")
@role_required("admin")
def decide(proposal_id: int, decision: str):
    if AppForm().validate_on_submit():
        decide_with = (
            review_services.accept_proposal
            if decision == "accept"
            else review_services.reject_proposal
        )
        try:
            village = decide_with(proposal_id, current_user, now=utcnow())
        except Conflict as error:
            flash(error.message, "warning")
        else:
            message = (
                _("%(name)s now has the proposed point.", name=village.name_vi)
                if decision == "accept"
                else _("Proposal for %(name)s rejected.", name=village.name_vi)
            )
            flash(message, "success")
    return redirect(url_for("locations.index", page=int_arg("page", 1)))
