"""The operator calendar: the period it shows and where it opens (the next bookable departure)."""

from datetime import date, datetime, timedelta

from sqlalchemy import select, true

from app.experiences.services import before_cutoffs, month_bounds
from app.extensions import db
from app.operators.models import Departure, Tour
from app.operators.rules import DepartureStatus
from app.operators.services import operator_id_of
from app.timeutil import to_local


def next_open_date(actor, now: datetime) -> date | None:
    """The Hanoi day of the first departure of the actor's company (any, for an admin) a guest
    could still book: scheduled, before its tour's cut-off, with a seat left."""
    scope = true() if actor.is_admin else Tour.operator_id == operator_id_of(actor)
    cutoffs = set(db.session.scalars(select(Tour.cutoff_hours).where(scope).distinct()))
    starts_at = db.session.scalar(
        select(Departure.starts_at)
        .join(Tour)
        .where(
            scope,
            Departure.status == DepartureStatus.SCHEDULED,
            Departure.booked < Departure.capacity,
            before_cutoffs(Departure.starts_at, Tour.cutoff_hours, cutoffs, now),
        )
        .order_by(Departure.starts_at)
        .limit(1)
    )
    return None if starts_at is None else to_local(starts_at).date()


def period(view: str, anchor: date) -> tuple[list[date], date, date]:
    """The days a week or month view around `anchor` shows, and the anchors before and after."""
    if view == "week":
        first = anchor - timedelta(days=anchor.weekday())
        last, previous, following = first + timedelta(6), first - timedelta(7), first + timedelta(7)
    else:
        first, last = month_bounds(anchor.year, anchor.month)
        previous, following = (first - timedelta(days=1)).replace(day=1), last + timedelta(1)
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return days, previous, following
