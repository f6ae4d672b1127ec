"""Tours, their stops, departures, guides and vehicles of an operator company."""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import UTCDateTime, db
from app.operators.rules import DepartureStatus
from app.timeutil import utcnow

if TYPE_CHECKING:
    from app.accounts.models import Operator
    from app.experiences.models import Experience
    from app.villages.models import Village


class Tour(db.Model):
    __tablename__ = "tours"
    __table_args__ = (
        CheckConstraint("duration_minutes > 0", name="duration"),
        CheckConstraint("price_adult_vnd >= 0 AND price_child_vnd >= 0", name="prices"),
        CheckConstraint(
            "(meeting_lat IS NULL) = (meeting_lon IS NULL)"
            " AND (meeting_lat IS NULL OR (meeting_lat BETWEEN -90 AND 90"
            " AND meeting_lon BETWEEN -180 AND 180))",
            name="meeting_location",
        ),
        CheckConstraint(
            "NOT is_published OR (meeting_point <> '' AND meeting_lat IS NOT NULL)",
            name="published_meeting_point",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(
        ForeignKey("operators.id", ondelete="CASCADE"), index=True
    )
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title_vi: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_vi: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    inclusions_vi: Mapped[str] = mapped_column(Text, default="")
    inclusions_en: Mapped[str] = mapped_column(Text, default="")
    bring_vi: Mapped[str] = mapped_column(Text, default="")
    bring_en: Mapped[str] = mapped_column(Text, default="")
    #: The number guests call on the day (the operator's office or the guide).
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    duration_minutes: Mapped[int] = mapped_column(Integer)
    price_adult_vnd: Mapped[int] = mapped_column(Integer)
    price_child_vnd: Mapped[int] = mapped_column(Integer, default=0)
    languages: Mapped[str] = mapped_column(String(60), default="vi,en")
    #: Where guests meet (name and address) and its point: the one source every page, email,
    #: calendar file and the route map read; a published tour always has all three.
    meeting_point: Mapped[str] = mapped_column(String(300), default="")
    meeting_lat: Mapped[float | None] = mapped_column(Float)
    meeting_lon: Mapped[float | None] = mapped_column(Float)
    cutoff_hours: Mapped[int] = mapped_column(Integer, default=12)
    confirmation_mode: Mapped[str] = mapped_column(String(20), default="instant")
    is_published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    operator: Mapped["Operator"] = relationship()
    stops: Mapped[list["TourStop"]] = relationship(
        back_populates="tour", order_by="TourStop.position", cascade="all, delete-orphan"
    )
    departures: Mapped[list["Departure"]] = relationship(
        back_populates="tour", cascade="all, delete-orphan"
    )

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @property
    def meeting_point_or_village(self) -> str:
        """Where guests meet, named like an experience's so a booked item reads either way."""
        return self.meeting_point

    @property
    def meeting_geo(self) -> tuple[float, float] | None:
        if self.meeting_lat is None or self.meeting_lon is None:
            return None
        return (self.meeting_lat, self.meeting_lon)

    @property
    def meeting_location(self) -> dict | None:
        geo = self.meeting_geo
        return None if geo is None else {"lat": geo[0], "lon": geo[1]}

    def can_manage(self, user) -> bool:
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return user.is_admin or (
            user.operator_id is not None and user.operator_id == self.operator_id
        )


class TourStop(db.Model):
    """A village (optionally one of its workshops) at a planned offset from the departure."""

    __tablename__ = "tour_stops"
    __table_args__ = (CheckConstraint("offset_minutes >= 0 AND stay_minutes > 0", name="times"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tour_id: Mapped[int] = mapped_column(ForeignKey("tours.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    experience_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiences.id", ondelete="SET NULL"), index=True
    )
    offset_minutes: Mapped[int] = mapped_column(Integer, default=0)
    stay_minutes: Mapped[int] = mapped_column(Integer, default=60)

    tour: Mapped[Tour] = relationship(back_populates="stops")
    village: Mapped["Village"] = relationship()
    experience: Mapped["Experience | None"] = relationship()

    @property
    def end_minutes(self) -> int:
        return self.offset_minutes + self.stay_minutes


class Guide(db.Model):
    __tablename__ = "guides"

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(
        ForeignKey("operators.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40), default="")
    languages: Mapped[str] = mapped_column(String(60), default="vi")

    operator: Mapped["Operator"] = relationship()


class Vehicle(db.Model):
    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(
        ForeignKey("operators.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    seats: Mapped[int] = mapped_column(Integer, default=16)

    operator: Mapped["Operator"] = relationship()


class DepartureRule(db.Model):
    """A weekly pattern of departures, like a workshop's slot rule."""

    __tablename__ = "departure_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    tour_id: Mapped[int] = mapped_column(ForeignKey("tours.id", ondelete="CASCADE"), index=True)
    weekdays: Mapped[str] = mapped_column(String(20))
    start_times: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)

    tour: Mapped[Tour] = relationship()


class Departure(db.Model):
    """One dated run of a tour; `booked` moves only by guarded updates, like a slot's."""

    __tablename__ = "departures"
    __table_args__ = (
        CheckConstraint("booked >= 0 AND booked <= capacity", name="seats"),
        Index("ix_departures_tour_starts", "tour_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tour_id: Mapped[int] = mapped_column(ForeignKey("tours.id", ondelete="CASCADE"), index=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("departure_rules.id", ondelete="SET NULL"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    guide_id: Mapped[int | None] = mapped_column(
        ForeignKey("guides.id", ondelete="SET NULL"), index=True
    )
    vehicle_id: Mapped[int | None] = mapped_column(
        ForeignKey("vehicles.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=DepartureStatus.SCHEDULED, index=True)
    note: Mapped[str] = mapped_column(Text, default="")

    tour: Mapped[Tour] = relationship(back_populates="departures")
    guide: Mapped[Guide | None] = relationship()
    vehicle: Mapped[Vehicle | None] = relationship()

    lapsed_places = 0

    @property
    def cutoff_at(self) -> datetime:
        """Until when the departure can be booked or cancelled online (the tour's cut-off)."""
        return self.starts_at - timedelta(hours=self.tour.cutoff_hours)

    @property
    def remaining(self) -> int:
        if self.status != DepartureStatus.SCHEDULED:
            return 0
        return self.capacity - self.booked + self.lapsed_places
