"""Imports every feature's models so that migrations and the shell see all tables."""

from app.accounts.models import Operator, PasswordResetToken, RoleRequest, User, VillageHost
from app.bookings.models import Booking, BookingEvent, BookingItem
from app.experiences.models import ClosedDay, Experience, Slot, SlotRule
from app.geocoding.models import GeocodeAnswer, LocationProposal
from app.itineraries.models import Itinerary, ItineraryStop
from app.notifications.models import OutboxMessage
from app.operators.models import Departure, DepartureRule, Guide, Tour, TourStop, Vehicle
from app.trips.models import SavedPlan
from app.villages.models import Craft, LocationEvent, Product, Village, village_crafts

__all__ = [
    "Booking", "BookingEvent", "BookingItem", "ClosedDay", "Craft", "Departure",
    "DepartureRule", "Experience", "GeocodeAnswer", "Guide", "Itinerary", "ItineraryStop",
    "LocationEvent", "LocationProposal", "Operator", "OutboxMessage", "PasswordResetToken",
    "Product", "RoleRequest", "SavedPlan", "Slot", "SlotRule", "Tour", "TourStop", "User",
    "Vehicle", "Village", "VillageHost", "village_crafts",
]  # fmt: skip
