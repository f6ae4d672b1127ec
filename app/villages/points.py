"""Moving a village's point: the one building block every door uses (host pin, accepted
geocoder proposal), so the 2025 commune and the audit trail can never be forgotten."""

from dataclasses import dataclass
from datetime import datetime

from app.accounts.models import User
from app.extensions import db
from app.villages import communes
from app.villages.models import LocationEvent, Village


@dataclass(frozen=True)
class PointChange:
    """Where the point goes, how precise it is, its source, and why (the audit's action)."""

    lat: float
    lon: float
    precision: str
    source: str
    action: str  # "host_moved", "proposal_accepted"


def move_point(
    village: Village, change: PointChange, *, actor: User | None, now: datetime
) -> LocationEvent:
    """Set the point, its precision and source, recompute the 2025 commune, record who did it.
    Does not commit: the calling service's transaction does."""
    event = _event(village, change.action, change.source, actor, now)
    event.to_lat, event.to_lon, event.to_precision = change.lat, change.lon, change.precision
    village.lat, village.lon = float(change.lat), float(change.lon)
    village.coord_precision = change.precision
    village.coord_source = change.source
    village.commune_2025 = communes.commune_at(village.lat, village.lon)
    return event


def record_decision(
    village: Village, action: str, note: str, *, actor: User | None, now: datetime
) -> LocationEvent:
    """An audited decision that leaves the point where it is (a rejected proposal)."""
    event = _event(village, action, note, actor, now)
    event.to_lat, event.to_lon, event.to_precision = village.lat, village.lon, event.from_precision
    return event


def _event(village: Village, action: str, note: str, actor: User | None, now: datetime):
    event = LocationEvent(
        village=village, actor=actor, action=action, note=note, created_at=now,
        from_lat=village.lat, from_lon=village.lon, from_precision=village.coord_precision or "",
    )  # fmt: skip
    db.session.add(event)
    return event
