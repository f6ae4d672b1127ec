"""What to ask the geocoder for a village, and which answer is worth proposing (plain Python).

A village's own name is the tail of its Vietnamese name ("Làng gốm sứ Bát Tràng" -> "Bát
Tràng"): the words that fold to the start of its slug. We ask for that name in its pre-2025
commune, then in Hanoi alone, and keep the first answer that is a settlement (village, hamlet,
quarter…) near the current point. Anything else (a road, a shop, a namesake 40 km away) is not
a better point than the one we have.
"""

from dataclasses import dataclass
from enum import StrEnum

from geopy.distance import geodesic

from app.villages.search import fold


class ProposalStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


#: Nominatim classes/types that name a settlement, i.e. a point at the village itself.
SETTLEMENTS = {
    ("place", kind)
    for kind in (
        "village", "hamlet", "isolated_dwelling", "neighbourhood", "quarter", "suburb",
        "locality", "town",
    )
}  # fmt: skip
#: An answer farther than this from the current (commune-level) point is a namesake.
MAX_SHIFT_KM = 15.0
#: Closer than this, the answer is the point we already have.
MIN_SHIFT_KM = 0.05
#: Hanoi, generously: (south, west, north, east).
HANOI_BOX = (20.5, 105.25, 21.45, 106.05)


@dataclass(frozen=True)
class Answer:
    """One geocoder result, reduced to what a proposal keeps."""

    lat: float
    lon: float
    display_name: str
    category: str  # "place/village"
    osm_type: str
    osm_id: int | None


def place_name(name_vi: str, slug: str, commune: str) -> str:
    """The village's own name: the longest tail of `name_vi` that folds to the slug's start."""
    words, slug_words = name_vi.split(), slug.split("-")
    for size in range(len(words), 0, -1):
        tail = words[-size:]
        if fold(" ".join(tail)).split() == slug_words[:size]:
            return " ".join(tail)
    return commune or name_vi


def queries(name_vi: str, slug: str, commune: str) -> list[str]:
    """Free-form queries, most specific first."""
    place = place_name(name_vi, slug, commune)
    found = []
    if commune and fold(commune) != fold(place):
        found.append(f"{place}, {commune}, Hà Nội")
    found.append(f"{place}, Hà Nội")
    return found


def answer_from_raw(raw: dict) -> Answer | None:
    """A Nominatim JSON result as an Answer, or None when it lacks a usable point."""
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    osm_id = raw.get("osm_id")
    return Answer(
        lat=lat,
        lon=lon,
        display_name=str(raw.get("display_name", ""))[:500],
        category=f"{raw.get('class', raw.get('category', ''))}/{raw.get('type', '')}"[:80],
        osm_type=str(raw.get("osm_type", ""))[:20],
        osm_id=int(osm_id) if str(osm_id or "").isdigit() else None,
    )


def in_hanoi(lat: float, lon: float) -> bool:
    south, west, north, east = HANOI_BOX
    return south <= lat <= north and west <= lon <= east


def distance_km(a: tuple[float, float] | None, b: tuple[float, float]) -> float | None:
    return None if a is None else round(geodesic(a, b).km, 3)


def choose(answers: list[Answer], current: tuple[float, float] | None) -> Answer | None:
    """The first settlement inside Hanoi, near the current point but not on it."""
    for answer in answers:
        if tuple(answer.category.split("/", 1)) not in SETTLEMENTS:
            continue
        if not in_hanoi(answer.lat, answer.lon):
            continue
        shift = distance_km(current, (answer.lat, answer.lon))
        if shift is not None and not MIN_SHIFT_KM <= shift <= MAX_SHIFT_KM:
            continue
        return answer
    return None
