"""Which post-July-2025 commune or ward holds a point (plain Python, shapely).

Hanoi's communes were merged on 1 July 2025, so the commune a data row names (pre-2025) is often
not the one on today's signs. `data/hanoi_communes_2025.geojson` holds the 126 new units as
simplified OpenStreetMap polygons (ODbL); a point-in-polygon test gives the current unit.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape

BOUNDARIES = Path(__file__).resolve().parents[2] / "data" / "hanoi_communes_2025.geojson"


@dataclass(frozen=True)
class Commune:
    name: str  # "Xã Bát Tràng", "Phường Ba Đình"
    kind: str  # "commune" or "ward"
    osm_relation: int


@functools.cache
def _index(path: Path = BOUNDARIES) -> tuple[STRtree | None, tuple, tuple[Commune, ...]]:
    """The polygons in a spatial index, loaded once per process (no file: an empty index)."""
    if not path.exists():
        return None, (), ()
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    features.sort(key=lambda feature: feature["properties"]["name"])
    shapes = tuple(shape(feature["geometry"]) for feature in features)
    communes = tuple(
        Commune(
            feature["properties"]["name"],
            feature["properties"].get("kind", ""),
            int(feature["properties"].get("osm_relation") or 0),
        )
        for feature in features
    )
    return STRtree(shapes), shapes, communes


def locate(lat: float | None, lon: float | None, path: Path = BOUNDARIES) -> Commune | None:
    """The unit whose polygon covers the point (the first by name on a shared border)."""
    if lat is None or lon is None:
        return None
    tree, shapes, communes = _index(path)
    if tree is None:
        return None
    point = Point(lon, lat)
    hits = sorted(int(i) for i in tree.query(point) if shapes[int(i)].covers(point))
    return communes[hits[0]] if hits else None


def commune_at(lat: float | None, lon: float | None) -> str:
    """The name of the unit holding the point, or "" outside Hanoi or without a point."""
    found = locate(lat, lon)
    return found.name if found else ""
