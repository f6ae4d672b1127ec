"""Plain functions that create rows with sensible defaults and flush; pass only what matters."""

from itertools import count

from sqlalchemy import select

from app.accounts.models import Operator, User, VillageHost
from app.accounts.services import hash_password
from app.extensions import db
from app.villages.crafts import craft_name_vi, craft_slug
from app.villages.importing import refresh_search_text
from app.villages.models import Craft, Product, Village

_numbers = count(1)
PASSWORD = "correct horse battery"
_HASHED = hash_password(PASSWORD)  # scrypt is slow on purpose: hash the test password once


def make_craft(name: str = "ceramics") -> Craft:
    craft = db.session.scalar(select(Craft).where(Craft.slug == craft_slug(name)))
    if craft is None:
        craft = Craft(slug=craft_slug(name), name_en=name, name_vi=craft_name_vi(name))
        db.session.add(craft)
        db.session.flush()
    return craft


def make_village(**fields) -> Village:
    number = next(_numbers)
    craft = fields.pop("craft", "ceramics")
    products = fields.pop("products", [])
    values = {
        "slug": f"village-{number}",
        "name_vi": f"Làng thử {number}",
        "name_en": f"Test village {number}",
        "district": "Gia Lâm",
        "commune": "Bát Tràng",
        "lat": 21.0,
        "lon": 105.9,
        "coord_precision": "village",
        "description_en": "A village made by a test.",
        "craft_label": craft,
        **fields,
    }
    village = Village(**values)
    village.crafts = [make_craft(craft)]
    village.products = [
        make_product(**product) if isinstance(product, dict) else product for product in products
    ]
    refresh_search_text(village)
    db.session.add(village)
    db.session.flush()
    return village


def make_product(**fields) -> Product:
    values = {"name_en": f"Product {next(_numbers)}", **fields}
    return Product(**values)


def make_user(**fields) -> User:
    """A visitor by default; `villages=[…]` makes a host of them, `operator="Name"` an operator."""
    villages = fields.pop("villages", [])
    operator = fields.pop("operator", None)
    values = {
        "email": f"user{next(_numbers)}@example.com",
        "name": "Test User",
        "password_hash": _HASHED,
        "role": "visitor",
        **fields,
    }
    if "password" in values:
        values["password_hash"] = hash_password(values.pop("password"))
    user = User(**values)
    user.hostings = [VillageHost(village=village) for village in villages]
    if villages and values["role"] == "visitor":
        user.role = "host"
    if operator:
        user.operator = db.session.scalar(
            select(Operator).where(Operator.name == operator)
        ) or Operator(name=operator)
        user.role = "operator" if values["role"] == "visitor" else user.role
    db.session.add(user)
    db.session.flush()
    return user
