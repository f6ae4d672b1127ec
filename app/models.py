"""Imports every feature's models so that migrations and the shell see all tables."""

from app.villages.models import Craft, Product, Village, village_crafts

__all__ = ["Craft", "Product", "Village", "village_crafts"]
