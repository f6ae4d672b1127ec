"""Travel distances and minutes between points: geodesic estimate, or an OSRM table when set up.

Without a routing server the estimate is

    road km  = geodesic km (WGS-84, geopy) x CIRCUITY
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

These are planning assumptions, not measurements: setting ROUTING_URL to an OSRM server replaces
them with its `table` service (road durations and distances). The OSRM call has a timeout and
falls back to the estimate on any failure. OSRM has no motorbike profile; motorbike uses the
server's profile as is (usually `driving`).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import lru_cache

from geopy.distance import geodesic

log = logging.getLogger(__name__)

MODES = ("car", "motorbike", "bicycle")
CIRCUITY = 1.35
SPEED_KMH = {"car": 24.0, "motorbike": 28.0, "bicycle": 13.0}
OVERHEAD_MINUTES = {"car": 6.0, "motorbike": 3.0, "bicycle": 2.0}
OSRM_PROFILE = {"car": "driving", "motorbike": "driving", "bicycle": "cycling"}

Point = tuple[float, float]  # (lat, lon)


@dataclass(frozen=True)
class Matrix:
    """Road km and travel minutes between every pair of points, and where they came from."""

    km: tuple[tuple[float, ...], ...]
    minutes: tuple[tuple[float, ...], ...]
    source: str  # "geodesic" or "osrm"


def estimate(points: list[Point], mode: str) -> Matrix:
    """The geodesic estimate described in the module docstring."""
    km = [[road_km(p, q) for q in points] for p in points]
    minutes = [[_minutes(d, mode) if d > 0 else 0.0 for d in row] for row in km]
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


def road_km(p: Point, q: Point) -> float:
    """Estimated road km from `p` to `q` (symmetric)."""
    a = (round(p[0], 5), round(p[1], 5))
    b = (round(q[0], 5), round(q[1], 5))
    if a == b:
        return 0.0
    return _geodesic_km(min(a, b), max(a, b)) * CIRCUITY


def minutes_between(p: Point, q: Point, mode: str) -> float:
    """Estimated minutes from `p` to `q` by `mode`."""
    distance = road_km(p, q)
    return round(_minutes(distance, mode), 2) if distance > 0 else 0.0


@lru_cache(maxsize=65536)
def _geodesic_km(a: Point, b: Point) -> float:
    """Geodesic km, cached: village points repeat from one request to the next (~0.1 ms each)."""
    return geodesic(a, b).km


def _minutes(road_km: float, mode: str) -> float:
    return road_km / SPEED_KMH[mode] * 60 + OVERHEAD_MINUTES[mode]


def _frozen(rows: list[list[float]]) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(round(x, 2) for x in row) for row in rows)
