"""Travel distances and minutes between points: great-circle estimate, or an OSRM table when set up.

Without a routing server the estimate is

    road km  = great-circle km (haversine on the WGS-84 mean radius, numpy) x CIRCUITY
    minutes  = road km / SPEED_KMH[mode] x 60 + OVERHEAD_MINUTES[mode]   (0 for the same point)

Values and where they come from:

- CIRCUITY = 1.35. Road distance over straight-line distance. Published circuity factors for
  road networks lie between about 1.2 and 1.45: Ballou, Rahardja & Sakai, "Selected country
  circuity factors for road travel distance estimation", Transportation Research A 36 (2002);
  Boscoe, Henry & Zdeb, "A nationwide comparison of driving distance versus straight-line
  distance to hospitals", Professional Geographer 64 (2012), about 1.4 in the USA. Hanoi's
  villages lie across the Red and Đáy rivers, reached by few bridges, so we take the upper half.
- SPEED_KMH: door-to-door average speeds including town traffic, for the mix of city streets,
  ring roads and village lanes a craft-village day uses. Car 24 km/h and motorbike 28 km/h:
  Hanoi's inner-city peak-hour speeds are commonly reported around 15-20 km/h and suburban
  arterials allow 40+ km/h; motorbikes filter through congestion. Bicycle 13 km/h: typical
  average urban cycling speed (about 12-16 km/h in cycling cities' counts) on flat terrain.
- OVERHEAD_MINUTES: parking and walking to the door (car 6, motorbike 3, bicycle 2).

The sphere is within 0.5 % of the ellipsoid's geodesic at Hanoi's distances, far inside the
circuity's own uncertainty, and lets a whole village table be measured in one numpy expression
(`minutes_from`). These are planning assumptions, not measurements: setting ROUTING_URL to an
OSRM server replaces them with its `table` service (road durations and distances). The OSRM
call has a timeout and falls back to the estimate on any failure. OSRM has no motorbike profile;
motorbike uses the server's profile as is (usually `driving`).
"""

from __future__ import annotations

import json
import logging
import math
import urllib.error
import urllib.request
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

MODES = ("car", "motorbike", "bicycle")
CIRCUITY = 1.35
SPEED_KMH = {"car": 24.0, "motorbike": 28.0, "bicycle": 13.0}
OVERHEAD_MINUTES = {"car": 6.0, "motorbike": 3.0, "bicycle": 2.0}
OSRM_PROFILE = {"car": "driving", "motorbike": "driving", "bicycle": "cycling"}
EARTH_KM = 6371.0088  # mean radius of the WGS-84 ellipsoid

Point = tuple[float, float]  # (lat, lon)


@dataclass(frozen=True)
class Matrix:
    """Road km and travel minutes between every pair of points, and where they came from."""

    km: tuple[tuple[float, ...], ...]
    minutes: tuple[tuple[float, ...], ...]
    source: str  # "geodesic" or "osrm"


def estimate(points: list[Point], mode: str) -> Matrix:
    """The great-circle estimate described in the module docstring."""
    lat, lon = _columns(points)
    km = road_km_array(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    minutes = np.where(km > 0, km / SPEED_KMH[mode] * 60 + OVERHEAD_MINUTES[mode], 0.0)
    return Matrix(_frozen(km), _frozen(minutes), "geodesic")


def matrix(
    points: list[Point], mode: str, *, routing_url: str = "", timeout: float = 2.0
) -> Matrix:
    """Travel between all `points` by `mode`: OSRM when `routing_url` answers, else estimate."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if routing_url and len(points) > 1:
        try:
            return osrm_table(points, mode, routing_url, timeout)
        except (OSError, ValueError, KeyError, TypeError, urllib.error.URLError) as error:
            log.warning("OSRM table failed (%s); using the geodesic estimate", error)
    return estimate(points, mode)


def osrm_table(points: list[Point], mode: str, routing_url: str, timeout: float) -> Matrix:
    """Ask an OSRM server's table service for durations (s) and distances (m)."""
    coords = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
    url = (
        f"{routing_url.rstrip('/')}/table/v1/{OSRM_PROFILE[mode]}/{coords}"
        "?annotations=duration,distance"
    )
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (configured URL)
        body = json.loads(response.read().decode("utf-8"))
    if body.get("code") != "Ok":
        raise ValueError(f"OSRM answered {body.get('code')!r}")
    seconds, metres = body["durations"], body["distances"]
    size = len(points)
    if len(seconds) != size or any(x is None for row in seconds for x in row):
        raise ValueError("OSRM table is incomplete (unroutable point?)")
    overhead = OVERHEAD_MINUTES[mode]
    minutes = [[s / 60 + overhead if i != j and s > 0 else 0.0 for j, s in enumerate(row)]
               for i, row in enumerate(seconds)]  # fmt: skip
    km = [[(m or 0.0) / 1000 for m in row] for row in metres]
    return Matrix(_frozen(km), _frozen(minutes), "osrm")


def road_km_array(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Estimated road km between points given as (broadcastable) arrays of degrees.

    Points are rounded to 5 decimals (about a metre) first, so equal places give exactly 0."""
    lat1, lon1, lat2, lon2 = (np.radians(np.round(x, 5)) for x in (lat1, lon1, lat2, lon2))
    half = np.sin((lat2 - lat1) / 2) ** 2
    half = half + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(half, 0.0, 1.0)))
    return km * CIRCUITY


def minutes_from(point: Point, lat: np.ndarray, lon: np.ndarray, mode: str) -> np.ndarray:
    """Estimated minutes from `point` to each (lat, lon) of the arrays (symmetric; NaN stays)."""
    km = road_km_array(point[0], point[1], lat, lon)
    return np.where(km > 0, km / SPEED_KMH[mode] * 60 + OVERHEAD_MINUTES[mode], 0.0).round(2)


def road_km(p: Point, q: Point) -> float:
    """Estimated road km from `p` to `q` (symmetric): `road_km_array` for one pair, in plain
    floats (a numpy call per pair would cost more than the arithmetic)."""
    lat1, lon1, lat2, lon2 = (math.radians(round(x, 5)) for x in (*p, *q))
    half = math.sin((lat2 - lat1) / 2) ** 2
    half += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(max(half, 0.0), 1.0))) * CIRCUITY


def minutes_between(p: Point, q: Point, mode: str) -> float:
    """Estimated minutes from `p` to `q` by `mode`."""
    distance = road_km(p, q)
    return round(_minutes(distance, mode), 2) if distance > 0 else 0.0


def _minutes(road_km: float, mode: str) -> float:
    return road_km / SPEED_KMH[mode] * 60 + OVERHEAD_MINUTES[mode]


def _columns(points: list[Point]) -> tuple[np.ndarray, np.ndarray]:
    array = np.array(points, dtype=float).reshape(-1, 2)
    return array[:, 0], array[:, 1]


def _frozen(rows) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(round(float(x), 2) for x in row) for row in rows)
