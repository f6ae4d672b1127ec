"""An admin reviewing geocoder proposals: accept (the village's point moves, precision
`village`, the source says who accepted what) or reject; both are audited."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.errors import Conflict, Forbidden, NotFound
from app.extensions import db
from app.geocoding.models import LocationProposal
from app.geocoding.rules import ProposalStatus
from app.villages.models import PRECISE, LocationEvent, Village
from app.villages.points import PointChange, move_point, record_decision
from app.villages.services import Page, check_paging


def _require_admin(actor: User | None) -> None:
    if actor is None or not getattr(actor, "is_admin", False):
        raise Forbidden("forbidden", _("Only an admin can do this."))


def pending_proposals(actor: User | None, page: int = 1, per_page: int = 10) -> Page:
    """Proposals waiting for a decision, oldest first, with their villages."""
    _require_admin(actor)
    check_paging(page, per_page)
    waiting = LocationProposal.status == ProposalStatus.PENDING
    total = db.session.scalar(select(func.count(LocationProposal.id)).where(waiting)) or 0
    rows = db.session.scalars(
        select(LocationProposal)
        .where(waiting)
        .options(selectinload(LocationProposal.village))
        .order_by(LocationProposal.created_at, LocationProposal.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


def recent_events(actor: User | None, limit: int = 20) -> list[LocationEvent]:
    """The latest changes of village points (the audit trail), newest first."""
    _require_admin(actor)
    return list(
        db.session.scalars(
            select(LocationEvent)
            .options(selectinload(LocationEvent.village), selectinload(LocationEvent.actor))
            .order_by(LocationEvent.created_at.desc(), LocationEvent.id.desc())
            .limit(limit)
        )
    )


def accept_proposal(proposal_id: int, actor: User | None, *, now: datetime) -> Village:
    """Move the village to the proposed point; it becomes a point at the village itself."""
    proposal = _pending_for_decision(proposal_id, actor)
    village = proposal.village
    source = (
        f"{proposal.display_name} ({proposal.osm_url or proposal.source}), found by "
        f"{proposal.source} for '{proposal.query}'; proposal #{proposal.id} accepted by "
        f"{actor.email} on {now:%Y-%m-%d}. ODbL, © OpenStreetMap contributors"
    )
    change = PointChange(proposal.lat, proposal.lon, PRECISE, source, "proposal_accepted")
    try:
        _decide(proposal, ProposalStatus.ACCEPTED, actor, now)
        move_point(village, change, actor=actor, now=now)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return village


def reject_proposal(proposal_id: int, actor: User | None, *, now: datetime) -> Village:
    """Refuse the proposal; the village keeps its point, and this place is not proposed again."""
    proposal = _pending_for_decision(proposal_id, actor)
    note = f"proposal #{proposal.id} ({proposal.display_name}) rejected by {actor.email}"
    try:
        _decide(proposal, ProposalStatus.REJECTED, actor, now)
        record_decision(proposal.village, "proposal_rejected", note, actor=actor, now=now)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return proposal.village


def _pending_for_decision(proposal_id: int, actor: User | None) -> LocationProposal:
    _require_admin(actor)
    proposal = db.session.get(LocationProposal, proposal_id)
    if proposal is None:
        raise NotFound("unknown_proposal", _("No such proposal."))
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict("already_decided", _("This proposal has already been decided."))
    return proposal


def _decide(proposal: LocationProposal, status: str, actor: User, now: datetime) -> None:
    """A guarded write: of two admins deciding at once, only the first one counts."""
    decided = db.session.execute(
        update(LocationProposal)
        .where(
            LocationProposal.id == proposal.id, LocationProposal.status == ProposalStatus.PENDING
        )
        .values(status=status, decided_by_id=actor.id, decided_at=now)
    )
    if decided.rowcount != 1:
        raise Conflict("already_decided", _("This proposal has already been decided."))
