"""Proposing better points for villages whose point is coarser than the village itself.

Nothing here moves a village: each proposal waits for an admin (review_services.py). One
village is one transaction, so a long run that stops half-way keeps what it found.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from geopy.exc import GeopyError
from sqlalchemy import select

from app.errors import AppError
from app.extensions import db
from app.geocoding import rules
from app.geocoding.models import LocationProposal
from app.geocoding.nominatim import CachedGeocoder
from app.geocoding.rules import Answer, ProposalStatus
from app.villages.models import PRECISE, Village


@dataclass
class GeocodeReport:
    villages: int = 0
    proposed: int = 0
    no_match: int = 0
    skipped: int = 0  # a pending proposal exists, or the same answer was rejected before
    requests: int = 0
    cached: int = 0
    slugs: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.villages} villages looked up: {self.proposed} proposals, "
            f"{self.no_match} without a better point, {self.skipped} skipped; "
            f"{self.requests} requests to the geocoder, {self.cached} answers from the cache"
        )


def coarse_villages(slugs: list[str] | None = None) -> list[Village]:
    """Villages whose point is coarser than `village` (or missing), by slug."""
    query = select(Village).where(Village.coord_precision != PRECISE).order_by(Village.slug)
    if slugs:
        query = query.where(Village.slug.in_(slugs))
    return list(db.session.scalars(query))


def propose_locations(
    geocoder: CachedGeocoder,
    *,
    now: datetime,
    slugs: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> GeocodeReport:
    """Look up every coarse village and store a pending proposal where a better point exists."""
    report = GeocodeReport()
    for village in coarse_villages(slugs):
        report.villages += 1
        outcome = _propose_and_commit(geocoder, village, now)
        setattr(report, outcome, getattr(report, outcome) + 1)
        if outcome == "proposed":
            report.slugs.append(village.slug)
        if progress:
            progress(f"{village.slug}: {outcome}")
    report.requests, report.cached = geocoder.requests, geocoder.cached
    return report


def _propose_and_commit(geocoder: CachedGeocoder, village: Village, now: datetime) -> str:
    """One village, one transaction; a failing geocoder stops the run with a clear message."""
    try:
        outcome = _propose_one(geocoder, village, now)
        db.session.commit()
    except GeopyError as error:
        db.session.rollback()
        raise AppError(
            "geocoder_failed",
            f"The geocoder at {geocoder.service} failed on '{village.slug}': {error}. "
            f"Proposals found so far are kept.",
        ) from None
    except Exception:
        db.session.rollback()
        raise
    return outcome


def _propose_one(geocoder: CachedGeocoder, village: Village, now: datetime) -> str:
    if _pending(village) is not None:
        return "skipped"
    current = (village.lat, village.lon) if village.has_point else None
    for query in rules.queries(village.name_vi, village.slug, village.commune):
        answers = [rules.answer_from_raw(raw) for raw in geocoder.search(query)]
        answer = rules.choose([a for a in answers if a is not None], current)
        if answer is None:
            continue
        if _rejected_before(village, answer):
            return "skipped"
        db.session.add(_proposal(village, answer, query, geocoder.service, now))
        return "proposed"
    return "no_match"


def _proposal(
    village: Village, answer: Answer, query: str, service: str, now: datetime
) -> LocationProposal:
    current = (village.lat, village.lon) if village.has_point else None
    return LocationProposal(
        village=village, status=ProposalStatus.PENDING, lat=answer.lat, lon=answer.lon,
        query=query, display_name=answer.display_name, category=answer.category,
        osm_type=answer.osm_type, osm_id=answer.osm_id, source=f"Nominatim ({service})",
        distance_km=rules.distance_km(current, (answer.lat, answer.lon)), created_at=now,
    )  # fmt: skip


def _pending(village: Village) -> LocationProposal | None:
    return db.session.scalar(
        select(LocationProposal).where(
            LocationProposal.village_id == village.id,
            LocationProposal.status == ProposalStatus.PENDING,
        )
    )


def _rejected_before(village: Village, answer: Answer) -> bool:
    """An admin already refused this place (same OSM object, or the same point) for this village."""
    for old in db.session.scalars(
        select(LocationProposal).where(
            LocationProposal.village_id == village.id,
            LocationProposal.status == ProposalStatus.REJECTED,
        )
    ):
        same_object = answer.osm_id is not None and (old.osm_type, old.osm_id) == (
            answer.osm_type,
            answer.osm_id,
        )
        if same_object or rules.distance_km((old.lat, old.lon), (answer.lat, answer.lon)) < 0.05:
            return True
    return False
