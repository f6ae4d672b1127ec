"""Plain functions that create rows with sensible defaults and flush; pass only what matters."""

from itertools import count
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.accounts.models import Operator, User, VillageHost
from app.accounts.services import hash_password
from app.extensions import db
from app.villages.crafts import craft_name_vi, craft_slug
from app.villages.importing import refresh_search_text
from app.villages.models import Craft, Product, Village

if TYPE_CHECKING:
    from app.experiences.models import Experience, Slot

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


def make_experience(**fields) -> "Experience":
    from app.experiences.models import Experience

    village = fields.pop("village", None) or make_village()
    number = next(_numbers)
    values = {
        "slug": f"experience-{number}",
        "title_vi": f"Trải nghiệm {number}",
        "title_en": f"Workshop {number}",
        "duration_minutes": 90,
        "price_adult_vnd": 150_000,
        "price_child_vnd": 100_000,
        "min_party": 1,
        "max_party": 10,
        "languages": "vi,en",
        "is_published": True,
        **fields,
    }
    experience = Experience(
        village=village, craft=village.crafts[0] if village.crafts else None, **values
    )
    experience.search_text = f"{values['title_en']} {values['title_vi']}".lower()
    db.session.add(experience)
    db.session.flush()
    return experience


def make_slot(**fields) -> "Slot":
    from datetime import timedelta

    from app.experiences.models import Slot
    from app.timeutil import utcnow

    experience = fields.pop("experience", None) or make_experience()
    starts_at = fields.pop("starts_at", None) or utcnow().replace(microsecond=0) + timedelta(days=3)
    slot = Slot(
        experience=experience,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=experience.duration_minutes),
        capacity=fields.pop("capacity", 10),
        booked=fields.pop("booked", 0),
        **fields,
    )
    db.session.add(slot)
    db.session.flush()
    return slot


def make_operator(name: str = "Hanoi Tours") -> Operator:
    operator = db.session.scalar(select(Operator).where(Operator.name == name))
    if operator is None:
        operator = Operator(name=name)
        db.session.add(operator)
        db.session.flush()
    return operator


def make_tour(**fields):
    from app.operators.models import Tour, TourStop

    operator = fields.pop("operator", None) or make_operator()
    stops = fields.pop("stops", None)
    number = next(_numbers)
    values = {
        "slug": f"tour-{number}",
        "title_vi": f"Tour {number}",
        "title_en": f"Tour {number}",
        "duration_minutes": 300,
        "price_adult_vnd": 700_000,
        "price_child_vnd": 500_000,
        "is_published": True,
        "meeting_point": "Hồ Hoàn Kiếm, 1 Đinh Tiên Hoàng",
        "meeting_lat": 21.0287,
        "meeting_lon": 105.8524,
        **fields,
    }
    tour = Tour(operator=operator, **values)
    if stops is None:
        stops = [{"village": make_village(), "offset_minutes": 60, "stay_minutes": 90}]
    for position, stop in enumerate(stops):
        tour.stops.append(TourStop(position=position, **stop))
    db.session.add(tour)
    db.session.flush()
    return tour


def make_departure(**fields):
    from datetime import timedelta

    from app.operators.models import Departure
    from app.timeutil import utcnow

    tour = fields.pop("tour", None) or make_tour()
    starts_at = fields.pop("starts_at", None) or utcnow().replace(microsecond=0) + timedelta(days=5)
    departure = Departure(
        tour=tour,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=tour.duration_minutes),
        capacity=fields.pop("capacity", 12),
        **fields,
    )
    db.session.add(departure)
    db.session.flush()
    return departure
