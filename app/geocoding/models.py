"""Proposed village points and the geocoder's cached answers."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import UTCDateTime, db
from app.geocoding.rules import ProposalStatus
from app.timeutil import utcnow

if TYPE_CHECKING:
    from app.accounts.models import User
    from app.villages.models import Village


class LocationProposal(db.Model):
    """A better point for a village, found by the geocoder; applied only when an admin accepts."""

    __tablename__ = "location_proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=ProposalStatus.PENDING, index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    query: Mapped[str] = mapped_column(String(300))
    display_name: Mapped[str] = mapped_column(String(500), default="")
    category: Mapped[str] = mapped_column(String(80), default="")  # "place/village"
    osm_type: Mapped[str] = mapped_column(String(20), default="")
    osm_id: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(300), default="")
    distance_km: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    village: Mapped["Village"] = relationship()
    decided_by: Mapped["User | None"] = relationship()

    @property
    def osm_url(self) -> str:
        if not (self.osm_type and self.osm_id):
            return ""
        return f"https://www.openstreetmap.org/{self.osm_type}/{self.osm_id}"


class GeocodeAnswer(db.Model):
    """The geocoder's answer to one query, kept so a re-run asks the service nothing again."""

    __tablename__ = "geocode_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    service: Mapped[str] = mapped_column(String(300))
    query: Mapped[str] = mapped_column(String(300))
    results: Mapped[list] = mapped_column(JSON, default=list)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("service", "query"),)
