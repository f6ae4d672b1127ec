"""Demo data for `flask seed`: accounts and workshops from data/demo_experiences.json.

Idempotent: accounts and experiences are matched by email and slug and left alone when they
exist, a rule is added only to an experience that has none, and slot generation only adds
missing slots.
"""

import json
from datetime import datetime, timedelta
from pathlib import Path

from slugify import slugify
from sqlalchemy import select

from app.accounts import services as accounts
from app.accounts.models import User
from app.accounts.rules import RequestKind, normalise_email
from app.experiences import slots
from app.experiences.models import Experience, SlotRule
from app.experiences.services import EDITABLE
from app.extensions import db
from app.operators import departures
from app.operators.models import Guide, Tour, TourStop, Vehicle
from app.operators.services import TOUR_FIELDS
from app.timeutil import to_local
from app.villages.models import Village
from app.villages.search import search_document


def load_demo(path: Path, now: datetime, weeks_ahead: int = 8) -> dict[str, int]:
    """Create missing demo accounts and experiences, then open slots `weeks_ahead` weeks."""
    data = json.loads(path.read_text(encoding="utf-8"))
    users = sum(_ensure_account(entry, data["password"]) for entry in data["accounts"])
    villages = {village.slug: village for village in db.session.scalars(select(Village))}
    created = sum(_ensure_experience(entry, villages, now) for entry in data["experiences"])
    db.session.commit()
    _, opened = slots.generate_all(now, weeks_ahead=weeks_ahead)
    tours = sum(_ensure_tour(entry, villages, now) for entry in data.get("tours", []))
    return {"accounts": users, "experiences": created, "slots": opened, "tours": tours}


def _ensure_account(entry: dict, password: str) -> bool:
    email = normalise_email(entry["email"])
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        return False
    user = User(
        email=email,
        name=entry["name"],
        role="visitor",
        hostings=[],
        password_hash=accounts.hash_password(password),
    )
    db.session.add(user)
    for slug in entry.get("villages", []):
        village = db.session.scalar(select(Village).where(Village.slug == slug))
        accounts.grant_role(user, RequestKind.HOST, village)
    if entry.get("operator"):
        accounts.grant_role(user, RequestKind.OPERATOR, None, entry["operator"])
    user.role = entry["role"]
    return True


def _ensure_experience(entry: dict, villages: dict[str, Village], now: datetime) -> bool:
    village = villages[entry["village"]]
    slug = slugify(f"{village.slug} {entry['title_en']}")
    if db.session.scalar(select(Experience.id).where(Experience.slug == slug)) is not None:
        return False
    experience = Experience(
        slug=slug,
        village=village,
        craft=village.crafts[0] if village.crafts else None,
        **{name: entry[name] for name in EDITABLE if name in entry},
    )
    experience.search_text = search_document(
        experience.title_vi,
        experience.title_en,
        experience.description_vi,
        experience.description_en,
        village.name_vi,
        village.name_en,
    )
    today = to_local(now).date()
    rule = entry["rule"]
    experience.rules = [
        SlotRule(
            weekdays=",".join(str(day) for day in rule["weekdays"]),
            start_times=rule["start_times"],
            capacity=rule["capacity"],
            starts_on=today,
            ends_on=today + timedelta(days=365),
        )
    ]
    db.session.add(experience)
    return True


def _ensure_tour(entry: dict, villages: dict[str, Village], now: datetime) -> bool:
    """A demo tour with its stops, a guide, a vehicle and eight weeks of departures."""
    slug = slugify(entry["title_en"])
    if db.session.scalar(select(Tour.id).where(Tour.slug == slug)) is not None:
        return False
    operator = accounts.operator_named(entry["operator"])
    fields = {name: entry[name] for name in TOUR_FIELDS if name in entry}
    tour = Tour(slug=slug, operator=operator, **fields)
    for position, stop in enumerate(entry["stops"]):
        experience_id = db.session.scalar(
            select(Experience.id).where(Experience.slug == stop.get("experience", ""))
        )
        tour.stops.append(
            TourStop(
                position=position,
                village=villages[stop["village"]],
                experience_id=experience_id,
                offset_minutes=stop["offset_minutes"],
                stay_minutes=stop["stay_minutes"],
            )
        )
    db.session.add(tour)
    db.session.add(Guide(operator=operator, **entry["guide"]))
    db.session.add(Vehicle(operator=operator, **entry["vehicle"]))
    db.session.flush()
    today = to_local(now).date()
    rule = {**entry["rule"], "starts_on": today, "ends_on": today + timedelta(days=365)}
    departures.open_weekly(tour, rule, now)
    db.session.commit()
    return True
