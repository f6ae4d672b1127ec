"""The overview map's data: every mapped village as GeoJSON, built once per data version.

Rendering 3000 folium markers into the home page made it 4.6 MB and 5 s to build; now the page
holds only the map shell and the browser fetches this document (cached here per process, and
by the browser through its ETag) and clusters the points itself.
"""

import hashlib
import json
from collections import OrderedDict

from flask import request, url_for
from sqlalchemy import select

from app.experiences.cards import drawing, photos_version, village_photos
from app.extensions import db
from app.villages.models import PRECISE, Craft, Village, village_crafts
from app.villages.services import VillageFilters, _filtered, check_craft, data_version

CACHE_SIZE = 16
RESULTS_ON_MAP = 1000
_built: OrderedDict[tuple, bytes] = OrderedDict()


def etag(craft: str = "") -> str:
    """Changes whenever any village or product changes, or the craft filter differs."""
    if craft:
        check_craft(craft)
    version = (data_version(), photos_version())
    key = repr(("villages-geojson", 2, craft, request.script_root, version))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def villages_geojson(craft: str = "") -> bytes:
    """The document for `craft` ("" = all), from the cache while the data is unchanged."""
    key = (etag(craft), request.script_root)
    if key in _built:
        _built.move_to_end(key)
        return _built[key]
    _built[key] = body = json.dumps(_collection(craft), ensure_ascii=False).encode()
    while len(_built) > CACHE_SIZE:
        _built.popitem(last=False)
    return body


def results_geojson(chosen: VillageFilters | list[int]) -> dict:
    """The villages a search found (by its filters, or the ids it offers), for the map beside
    the list: the same features as the overview map, at most RESULTS_ON_MAP of them."""
    if isinstance(chosen, VillageFilters):
        ids = db.session.scalars(_filtered(select(Village.id), chosen).limit(RESULTS_ON_MAP))
    else:
        ids = chosen[:RESULTS_ON_MAP]
    return _collection("", set(ids))


def _collection(craft: str, ids: set[int] | None = None) -> dict:
    """Features with short properties; craft names once, at the top (a foreign member)."""
    crafts = {c.id: c for c in db.session.scalars(select(Craft))}
    by_village: dict[int, list[str]] = {}
    for village_id, craft_id in db.session.execute(select(village_crafts)):
        by_village.setdefault(village_id, []).append(crafts[craft_id].slug)
    query = (
        select(
            Village.id,
            Village.slug,
            Village.name_vi,
            Village.name_en,
            Village.lat,
            Village.lon,
            Village.coord_precision,
        )  # fmt: skip
        .where(Village.is_published.is_(True), Village.lat.is_not(None), Village.lon.is_not(None))
        .order_by(Village.slug)
    )
    if ids is not None:
        query = query.where(Village.id.in_(ids or {-1}))
    features = _features(db.session.execute(query), by_village, craft, village_photos(ids))
    used = {slug for feature in features for slug in feature["properties"]["crafts"]}
    names = {c.slug: {"vi": c.name_vi, "en": c.name_en} for c in crafts.values() if c.slug in used}
    return {"type": "FeatureCollection", "crafts": names, "features": features}


def _features(rows, by_village: dict[int, list[str]], craft: str, photos: dict) -> list[dict]:
    page = url_for("villages.detail", slug="__slug__")
    features = []
    for row in rows:
        slugs = sorted(by_village.get(row.id, []))
        if craft and craft not in slugs:
            continue
        cover = photos.get(row.id) or drawing(slugs[0] if slugs else None)
        features.append(_feature(row, slugs, page.replace("__slug__", row.slug), cover.url))
    return features


def _feature(row, crafts: list[str], url: str, photo: str) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(row.lon, 5), round(row.lat, 5)]},
        "properties": {
            "slug": row.slug,
            "name_vi": row.name_vi,
            "name_en": row.name_en,
            "crafts": crafts,
            "approximate": row.coord_precision != PRECISE,
            "url": url,
            "photo": photo,
        },
    }
