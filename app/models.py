"""Imports every feature's models so that migrations and the shell see all tables."""

from app.accounts.models import Operator, PasswordResetToken, RoleRequest, User, VillageHost
from app.notifications.models import OutboxMessage
from app.villages.models import Craft, Product, Village, village_crafts

__all__ = [
    "Craft", "Operator", "OutboxMessage", "PasswordResetToken", "Product", "RoleRequest", "User",
    "Village", "VillageHost", "village_crafts",
]  # fmt: skip
