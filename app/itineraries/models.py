"""A curated route (an itinerary, to keep clear of Flask's "routes") and its ordered villages."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import UTCDateTime, db
from app.timeutil import utcnow

if TYPE_CHECKING:
    from app.villages.models import Village


class Itinerary(db.Model):
    __tablename__ = "itineraries"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0, index=True)
    title_vi: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    summary_vi: Mapped[str] = mapped_column(String(400), default="")
    summary_en: Mapped[str] = mapped_column(String(400), default="")
    story_vi: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")
    start_place: Mapped[str] = mapped_column(String(40), default="hoan-kiem")
    has_lunch: Mapped[bool] = mapped_column(Boolean, default=True)
    is_published: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    stops: Mapped[list["ItineraryStop"]] = relationship(
        back_populates="itinerary", order_by="ItineraryStop.position", cascade="all, delete-orphan"
    )

    @property
    def villages(self) -> list["Village"]:
        return [stop.village for stop in self.stops]


class ItineraryStop(db.Model):
    __tablename__ = "itinerary_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    itinerary_id: Mapped[int] = mapped_column(
        ForeignKey("itineraries.id", ondelete="CASCADE"), index=True
    )
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    note_vi: Mapped[str] = mapped_column(Text, default="")
    note_en: Mapped[str] = mapped_column(Text, default="")

    itinerary: Mapped[Itinerary] = relationship(back_populates="stops")
    village: Mapped["Village"] = relationship()

    __table_args__ = (UniqueConstraint("itinerary_id", "village_id"),)
