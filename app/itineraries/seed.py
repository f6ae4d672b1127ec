"""`flask seed`: the handbook's curated routes from data/routes.json (missing ones only)."""

import json
from pathlib import Path

from sqlalchemy import select

from app.errors import Invalid
from app.extensions import db
from app.itineraries.models import Itinerary, ItineraryStop
from app.villages.models import Village

FIELDS = ("title_vi", "title_en", "summary_vi", "summary_en", "story_vi", "story_en",
          "start_place", "has_lunch", "position")  # fmt: skip


def load_routes(path: Path) -> int:
    """Create the routes of `path` that do not exist yet (by slug); returns how many.

    Existing routes are left alone: admins may have edited them since."""
    data = json.loads(path.read_text(encoding="utf-8"))
    villages = {village.slug: village for village in db.session.scalars(select(Village))}
    existing = set(db.session.scalars(select(Itinerary.slug)))
    created = 0
    try:
        for entry in data["routes"]:
            if entry["slug"] in existing:
                continue
            db.session.add(_itinerary(entry, villages))
            created += 1
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return created


def _itinerary(entry: dict, villages: dict[str, Village]) -> Itinerary:
    itinerary = Itinerary(slug=entry["slug"], **{name: entry[name] for name in FIELDS})
    for position, stop in enumerate(entry["stops"]):
        village = villages.get(stop["village"])
        if village is None:
            raise Invalid(
                "unknown_village",
                f"Route '{entry['slug']}' names an unknown village '{stop['village']}'.",
            )
        itinerary.stops.append(
            ItineraryStop(
                village=village,
                position=position,
                note_vi=stop.get("note_vi", ""),
                note_en=stop.get("note_en", ""),
            )
        )
    return itinerary
