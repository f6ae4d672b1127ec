"""Bookings, their items (one per slot) and the audit trail of every status change."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.bookings.rules import ItemStatus
from app.extensions import UTCDateTime, db
from app.timeutil import utcnow

if TYPE_CHECKING:
    from app.accounts.models import User
    from app.experiences.models import Slot
    from app.operators.models import Departure


class Booking(db.Model):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("adults >= 0 AND children >= 0 AND adults + children >= 1", name="party"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_email: Mapped[str] = mapped_column(String(254), index=True)
    contact_phone: Mapped[str] = mapped_column(String(40))
    adults: Mapped[int] = mapped_column(Integer)
    children: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(5), default="vi")
    note: Mapped[str] = mapped_column(Text, default="")
    #: Set when an operator reserves workshop places for one of its departures.
    for_departure_id: Mapped[int | None] = mapped_column(
        ForeignKey("departures.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped["User | None"] = relationship()
    items: Mapped[list["BookingItem"]] = relationship(
        back_populates="booking", order_by="BookingItem.id", cascade="all, delete-orphan"
    )
    events: Mapped[list["BookingEvent"]] = relationship(
        back_populates="booking", order_by="BookingEvent.id", cascade="all, delete-orphan"
    )

    @property
    def places(self) -> int:
        return self.adults + self.children

    @property
    def items_in_time_order(self) -> list["BookingItem"]:
        return in_time_order(self.items)

    @property
    def total_vnd(self) -> int:
        live = (ItemStatus.PENDING, ItemStatus.CONFIRMED, ItemStatus.COMPLETED)
        return sum(item.price_vnd for item in self.items if item.status in live)


class BookingItem(db.Model):
    __tablename__ = "booking_items"
    __table_args__ = (
        CheckConstraint("places >= 1", name="places"),
        Index("ix_booking_items_slot_status", "slot_id", "status"),
        Index("ix_booking_items_status_hold", "status", "hold_expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("slots.id", ondelete="SET NULL"))
    departure_id: Mapped[int | None] = mapped_column(
        ForeignKey("departures.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default=ItemStatus.PENDING)
    places: Mapped[int] = mapped_column(Integer)
    price_vnd: Mapped[int] = mapped_column(Integer)
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    host_message: Mapped[str] = mapped_column(Text, default="")
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    booking: Mapped[Booking] = relationship(back_populates="items")
    slot: Mapped["Slot | None"] = relationship()
    departure: Mapped["Departure | None"] = relationship()

    @property
    def activity(self):
        """What was booked: the slot's experience or the departure's tour (both have titles,
        a cut-off, a meeting point and prices)."""
        if self.slot is not None:
            return self.slot.experience
        return self.departure.tour if self.departure is not None else None

    @property
    def when(self) -> datetime | None:
        occurrence = self.slot or self.departure
        return occurrence.starts_at if occurrence is not None else None

    @property
    def cutoff_at(self) -> datetime | None:
        """Until when the guest may cancel or move the item online."""
        occurrence = self.slot or self.departure
        return occurrence.cutoff_at if occurrence is not None else None

    @property
    def ends(self) -> datetime | None:
        occurrence = self.slot or self.departure
        return occurrence.ends_at if occurrence is not None else None


def in_time_order(items: list[BookingItem]) -> list[BookingItem]:
    """Items as the guest lives them: by start time (items whose slot is gone last), then id."""
    return sorted(
        items,
        key=lambda item: (item.when is None, item.when.timestamp() if item.when else 0, item.id),
    )


class BookingEvent(db.Model):
    """Audit: who changed what, when, from which status to which."""

    __tablename__ = "booking_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(ForeignKey("booking_items.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(120))
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    booking: Mapped[Booking] = relationship(back_populates="events")
