"""Time POST /api/v1/plan, the planner page and a 3-day trip, on the demo data or a city's worth.

    python benchmarks/plan_api.py [--villages N] [--workshops 0] [--repeat 60]
                                  [--database-url URL] [--skip-page]

Builds a fresh SQLite database (or the PostgreSQL one given; its public schema is dropped
first) by migrations plus `flask seed` (the handbook's villages), then adds synthetic villages up to
`--villages` (spread 5-45 km around Hoàn Kiếm, with the demo's crafts) and `--workshops`
synthetic workshops with two slots on each of the next 16 days. It plans days from Hoàn Kiếm
Lake over the next two weeks, varying the day, mode, party, interests and lunch, through the
Flask test client (no network), and 3-day trips through the planning service (and the page,
`days=3`, unless --skip-page). Prints one JSON line per target with the median and p95 in
milliseconds.
"""

import argparse
import itertools
import json
import math
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from app.extensions import db  # noqa: E402
from app.timeutil import HANOI, to_local, utcnow  # noqa: E402
from app.trips import services  # noqa: E402
from benchmarks.handbook import build_app  # noqa: E402

MODES = ("car", "motorbike", "bicycle")
CRAFTS = ([], ["ceramics"], ["silk-weaving", "lacquer"], ["conical-hats"])
CENTRE = (21.0287, 105.8524)
SLOT_DAYS = 16


def add_villages(app, total: int, rng: random.Random) -> None:
    """Synthetic published villages up to `total`, each with one or two of the demo's crafts."""
    from app.villages.importing import refresh_search_text
    from app.villages.models import Craft, Village

    with app.app_context():
        crafts = list(db.session.scalars(select(Craft)))
        have = db.session.scalar(select(db.func.count(Village.id)))
        for number in range(max(0, total - have)):
            lat, lon = _around(rng)
            village = Village(
                slug=f"synthetic-{number}", name_vi=f"Làng thử {number}",
                name_en=f"Synthetic {number}", lat=lat, lon=lon, coord_precision="commune",
                opening_hours=rng.choice(("", "7:30-17:00", "8:00-16:30")),
                crafts=rng.sample(crafts, rng.randint(1, 2)), products=[],
            )  # fmt: skip
            refresh_search_text(village)
            db.session.add(village)
        db.session.commit()


def _around(rng: random.Random) -> tuple[float, float]:
    """A point 5-45 km from the centre in a random direction."""
    km, angle = rng.uniform(5, 45), rng.uniform(0, 2 * math.pi)
    lat = CENTRE[0] + km * math.cos(angle) / 111.0
    lon = CENTRE[1] + km * math.sin(angle) / (111.0 * math.cos(math.radians(CENTRE[0])))
    return round(lat, 5), round(lon, 5)


def add_workshops(app, count: int, rng: random.Random) -> None:
    """`count` published workshops in random villages, two slots a day for SLOT_DAYS days."""
    from app.experiences.models import Experience, Slot
    from app.villages.models import Village

    with app.app_context():
        villages = list(db.session.scalars(select(Village).where(Village.lat.is_not(None))))
        today = to_local(utcnow()).date()
        for number in range(count):
            village = rng.choice(villages)
            experience = Experience(
                village=village, craft=village.crafts[0] if village.crafts else None,
                slug=f"synthetic-workshop-{number}", title_vi=f"Lớp thử {number}",
                title_en=f"Synthetic workshop {number}", duration_minutes=rng.choice((60, 90, 120)),
                price_adult_vnd=150_000, price_child_vnd=100_000, min_party=1, max_party=12,
                languages="vi,en", is_published=True, search_text=f"synthetic workshop {number}",
            )  # fmt: skip
            db.session.add(experience)
            for day, hour in itertools.product(range(1, SLOT_DAYS + 1), (9, rng.choice((13, 14)))):
                starts = datetime.combine(today + timedelta(days=day), datetime.min.time(), HANOI)
                starts += timedelta(hours=hour)
                db.session.add(Slot(experience=experience, starts_at=starts,
                                    ends_at=starts + timedelta(minutes=experience.duration_minutes),
                                    capacity=12, booked=0))  # fmt: skip
        db.session.commit()


def cases(repeat: int) -> list[dict]:
    today = to_local(utcnow()).date()
    combos = itertools.cycle(itertools.product(range(1, 15), MODES, CRAFTS, (True, False)))
    return [
        {"date": (today + timedelta(days=day)).isoformat(), "mode": mode, "crafts": crafts,
         "lunch": lunch, "party": 1 + day % 5, "start": {"lat": 21.0287, "lon": 105.8524}}
        for day, mode, crafts, lunch in itertools.islice(combos, repeat)
    ]  # fmt: skip


def page_query(case: dict, days: int = 1) -> dict:
    query = {"date": case["date"], "place": "hoan-kiem", "day_start": "08:00",
             "day_end": "18:00", "mode": case["mode"], "adults": case["party"], "children": 0,
             "max_stops": 4, "days": days, "crafts": case["crafts"]}  # fmt: skip
    return {**query, "lunch": "y"} if case["lunch"] else query


def timed(call, runs: list[dict]) -> list[float]:
    call(runs[0])  # warm-up: first request compiles templates, fills caches
    times = []
    for case in runs:
        began = time.perf_counter()
        response = call(case)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return times


def report(target: str, times: list[float], args: argparse.Namespace) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    line = {"target": target, "villages": args.villages, "workshops": args.workshops,
            "runs": len(times), "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(p95, 1), "max_ms": round(ordered[-1], 1)}  # fmt: skip
    print(json.dumps(line), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--villages", type=int, default=0, help="total villages (default: the seed's)"
    )
    parser.add_argument("--workshops", type=int, default=0, help="synthetic workshops to add")
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--skip-page", action="store_true", help="only the API and 3-day trips")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    app = build_app(url)
    rng = random.Random(0)
    add_villages(app, args.villages, rng)
    add_workshops(app, args.workshops, rng)
    with app.app_context():
        from app.villages.models import Village

        args.villages = db.session.scalar(select(db.func.count(Village.id)))
    client = app.test_client()
    runs = cases(args.repeat)
    report("POST /api/v1/plan", timed(lambda c: client.post("/api/v1/plan", json=c), runs), args)
    if not args.skip_page:
        page = timed(lambda c: client.get("/plan/", query_string=page_query(c)), runs)
        report("GET /plan/ (page + map)", page, args)
    with app.app_context():
        trips = timed(lambda c: _Done(services.plan_trip(day_request(c), 3, now=utcnow())), runs)
    report("plan_trip, 3 days (service)", trips, args)
    if not args.skip_page:
        pages = timed(lambda c: client.get("/plan/", query_string=page_query(c, 3)), runs[:20])
        report("GET /plan/?days=3 (3-day trip page)", pages, args)


class _Done:
    """A stand-in response for timing a service call with `timed`."""

    status_code = 200

    def __init__(self, result) -> None:
        self.result = result


def day_request(case: dict):
    """The DayRequest the API builds from `case` (same start, mode, party, crafts, lunch)."""
    from app.trips.problem import DayRequest

    return DayRequest(
        date.fromisoformat(case["date"]), (case["start"]["lat"], case["start"]["lon"]),
        mode=case["mode"], adults=case["party"], crafts=frozenset(case["crafts"]),
        lunch=case["lunch"], max_stops=4,
    )  # fmt: skip


if __name__ == "__main__":
    main()
