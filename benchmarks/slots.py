"""Time the availability reads with 10 000 slots in the database.

    python benchmarks/slots.py [--slots 10000] [--repeat 50] [--database-url URL]

Builds the schema by migrations on a fresh SQLite file (or the PostgreSQL database given; its
public schema is dropped first), seeds the villages, adds 50 experiences with their slots spread
over the coming months, then times: a month of slots with availability for one experience (the
service and the JSON API) and every experience's slots for one day. Prints JSON lines.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from app.experiences import services  # noqa: E402
from app.experiences.models import Experience, Slot  # noqa: E402
from app.extensions import db  # noqa: E402
from app.timeutil import to_local, utcnow  # noqa: E402
from app.villages.models import Village  # noqa: E402
from benchmarks.handbook import build_app  # noqa: E402

EXPERIENCES = 50


def fill(app, slot_count: int) -> int:
    """Add experiences and `slot_count` slots (3 a day each, from tomorrow); returns one id."""
    with app.app_context():
        villages = db.session.scalars(select(Village).limit(EXPERIENCES)).all()
        experiences = [
            Experience(
                slug=f"bench-{n}",
                village=villages[n % len(villages)],
                title_vi=f"Thử {n}",
                title_en=f"Bench {n}",
                duration_minutes=90,
                price_adult_vnd=100_000,
                min_party=1,
                max_party=10,
            )
            for n in range(EXPERIENCES)
        ]
        db.session.add_all(experiences)
        db.session.flush()
        start = utcnow().replace(hour=1, minute=0, second=0, microsecond=0) + timedelta(days=1)
        rows = []
        for n in range(slot_count):
            experience = experiences[n % EXPERIENCES]
            index = n // EXPERIENCES
            at = start + timedelta(days=index // 3, hours=3 * (index % 3))
            rows.append(
                {
                    "experience_id": experience.id,
                    "starts_at": at,
                    "ends_at": at + timedelta(minutes=90),
                    "capacity": 10,
                    "booked": n % 11,
                    "status": "open",
                }
            )
        db.session.execute(insert(Slot), rows)
        db.session.commit()
        return experiences[0].id


def timed(label: str, call, repeat: int, **extra) -> None:
    call()
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - begin) * 1000)
    samples.sort()
    print(
        json.dumps(
            {
                "measure": label,
                "median_ms": round(statistics.median(samples), 2),
                "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 2),
                "rows": result,
                **extra,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slots", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = build_app(url)
        experience_id = fill(app, args.slots)
        backend = url.split(":", 1)[0]
        extra = {"backend": backend, "slots_in_db": args.slots}
        with app.app_context():
            today = to_local(utcnow()).date()
            month_end = today + timedelta(days=30)
            timed(
                "service: one experience, a month of slots",
                lambda: len(services.slots_between(experience_id, today, month_end)),
                args.repeat,
                **extra,
            )
            day = today + timedelta(days=7)
            timed(
                "service: all experiences, one day",
                lambda: len(services.day_availability(day)),
                args.repeat,
                **extra,
            )
        client = app.test_client()
        query = f"from={today}&to={month_end}"
        timed(
            "GET /api/v1/experiences/<id>/slots (a month)",
            lambda: len(
                client.get(f"/api/v1/experiences/{experience_id}/slots?{query}").get_json()
            ),
            args.repeat,
            **extra,
        )


if __name__ == "__main__":
    main()
