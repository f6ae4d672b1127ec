"""Imports every feature's models so that migrations and the shell see all tables."""

from app.accounts.models import Operator, PasswordResetToken, RoleRequest, User, VillageHost
from app.bookings.models import Booking, BookingEvent, BookingItem
from app.experiences.models import ClosedDay, Experience, Slot, SlotRule
from app.notifications.models import OutboxMessage
from app.villages.models import Craft, Product, Village, village_crafts

__all__ = [
    "Booking", "BookingEvent", "BookingItem", "ClosedDay", "Craft", "Experience", "Operator", "OutboxMessage", "PasswordResetToken",
    "Product", "RoleRequest", "Slot", "SlotRule", "User", "Village", "VillageHost",
    "village_crafts",
]  # fmt: skip
