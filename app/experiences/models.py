"""Experiences, their slots, the weekly rules that open slots, and village closed days."""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.experiences.rules import ConfirmationMode, SlotStatus
from app.extensions import UTCDateTime, db
from app.timeutil import utcnow

if TYPE_CHECKING:
    from app.villages.models import Craft, Village


class Experience(db.Model):
    __tablename__ = "experiences"
    __table_args__ = (
        CheckConstraint("duration_minutes > 0", name="duration"),
        CheckConstraint("price_adult_vnd >= 0 AND price_child_vnd >= 0", name="prices"),
        CheckConstraint("min_party >= 1 AND max_party >= min_party", name="party"),
        CheckConstraint("cutoff_hours >= 0", name="cutoff"),
        Index("ix_experiences_published_village", "is_published", "village_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    craft_id: Mapped[int | None] = mapped_column(
        ForeignKey("crafts.id", ondelete="SET NULL"), index=True
    )
    title_vi: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_vi: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    included_vi: Mapped[str] = mapped_column(Text, default="")
    included_en: Mapped[str] = mapped_column(Text, default="")
    bring_vi: Mapped[str] = mapped_column(Text, default="")
    bring_en: Mapped[str] = mapped_column(Text, default="")
    duration_minutes: Mapped[int] = mapped_column(Integer)
    price_adult_vnd: Mapped[int] = mapped_column(Integer)
    price_child_vnd: Mapped[int] = mapped_column(Integer, default=0)
    min_party: Mapped[int] = mapped_column(Integer, default=1)
    max_party: Mapped[int] = mapped_column(Integer, default=10)
    languages: Mapped[str] = mapped_column(String(60), default="vi")  # comma-separated codes
    meeting_point: Mapped[str] = mapped_column(String(300), default="")
    confirmation_mode: Mapped[str] = mapped_column(String(20), default=ConfirmationMode.INSTANT)
    cutoff_hours: Mapped[int] = mapped_column(Integer, default=12)
    photo_path: Mapped[str] = mapped_column(String(300), default="")
    is_published: Mapped[bool] = mapped_column(Boolean, default=True)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    village: Mapped["Village"] = relationship()
    craft: Mapped["Craft | None"] = relationship()
    slots: Mapped[list["Slot"]] = relationship(
        back_populates="experience", cascade="all, delete-orphan"
    )
    rules: Mapped[list["SlotRule"]] = relationship(
        back_populates="experience", cascade="all, delete-orphan"
    )
    photos: Mapped[list["ExperiencePhoto"]] = relationship(
        back_populates="experience",
        order_by="(ExperiencePhoto.position, ExperiencePhoto.id)",
        cascade="all, delete-orphan",
    )

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def meeting_point_or_village(self) -> str:
        return self.meeting_point or self.village.name_vi

    @property
    def meeting_geo(self) -> tuple[float, float] | None:
        """The village's point (a workshop meets in its village)."""
        return (self.village.lat, self.village.lon) if self.village.has_point else None

    def can_manage(self, user) -> bool:
        return self.village.can_manage(user)


class ExperiencePhoto(db.Model):
    """One photo of a workshop's gallery, in the host's order, described in both languages
    (the alt text a screen reader reads and a broken image shows)."""

    __tablename__ = "experience_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    experience_id: Mapped[int] = mapped_column(
        ForeignKey("experiences.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    path: Mapped[str] = mapped_column(String(300))
    alt_vi: Mapped[str] = mapped_column(String(300), default="")
    alt_en: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    experience: Mapped[Experience] = relationship(back_populates="photos")


class SlotRule(db.Model):
    """A weekly pattern of slots; `flask slots generate` keeps it opened weeks ahead."""

    __tablename__ = "slot_rules"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="range"),
        CheckConstraint("capacity >= 1", name="capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    experience_id: Mapped[int] = mapped_column(
        ForeignKey("experiences.id", ondelete="CASCADE"), index=True
    )
    weekdays: Mapped[str] = mapped_column(String(20))  # "0,2,5": Monday = 0
    start_times: Mapped[str] = mapped_column(String(200))  # "09:00,14:00", Hanoi time
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    experience: Mapped[Experience] = relationship(back_populates="rules")
    slots: Mapped[list["Slot"]] = relationship(back_populates="rule")

    @property
    def weekday_set(self) -> frozenset[int]:
        return frozenset(int(day) for day in self.weekdays.split(",") if day)


class Slot(db.Model):
    """One bookable occurrence. `booked` counts places held by live bookings; it only moves by
    guarded updates (`booked + n <= capacity`), so it can never pass capacity."""

    __tablename__ = "slots"
    __table_args__ = (
        CheckConstraint("booked >= 0 AND booked <= capacity", name="places"),
        UniqueConstraint("experience_id", "starts_at", name="experience_start"),
        Index("ix_slots_experience_starts", "experience_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    experience_id: Mapped[int] = mapped_column(
        ForeignKey("experiences.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("slot_rules.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default=SlotStatus.OPEN, index=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")

    experience: Mapped[Experience] = relationship(back_populates="slots")
    rule: Mapped[SlotRule | None] = relationship(back_populates="slots")

    #: Places in `booked` whose hold has lapsed; availability reads fill it in (not a column).
    lapsed_places = 0

    @property
    def cutoff_at(self) -> datetime:
        """Until when the slot can be booked, cancelled or moved online (the workshop's cut-off)."""
        return self.starts_at - timedelta(hours=self.experience.cutoff_hours)

    @property
    def remaining(self) -> int:
        if self.status != SlotStatus.OPEN:
            return 0
        return self.capacity - self.booked + self.lapsed_places


class ClosedDay(db.Model):
    """A day a village opens no slot (festival, family event), added by its host."""

    __tablename__ = "closed_days"
    __table_args__ = (UniqueConstraint("village_id", "closed_on", name="village_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    closed_on: Mapped[date] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
