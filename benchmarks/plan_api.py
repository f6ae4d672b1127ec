"""Time POST /api/v1/plan and the planner page (with its map) on the demo data.

    python benchmarks/plan_api.py [--repeat 60] [--database-url URL]

Builds a fresh SQLite database (or the PostgreSQL one given; its public schema is dropped
first) by migrations plus `flask seed`, then plans days from Hoàn Kiếm Lake over the next two
weeks, varying the day, mode, party, interests and lunch, through the Flask test client (no
network). Prints one JSON line per target with the median and p95 in milliseconds.
"""

import argparse
import itertools
import json
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.timeutil import to_local, utcnow  # noqa: E402
from benchmarks.handbook import build_app  # noqa: E402

MODES = ("car", "motorbike", "bicycle")
CRAFTS = ([], ["ceramics"], ["silk-weaving", "lacquer"], ["conical-hats"])


def cases(repeat: int) -> list[dict]:
    today = to_local(utcnow()).date()
    combos = itertools.cycle(itertools.product(range(1, 15), MODES, CRAFTS, (True, False)))
    return [
        {"date": (today + timedelta(days=day)).isoformat(), "mode": mode, "crafts": crafts,
         "lunch": lunch, "party": 1 + day % 5, "start": {"lat": 21.0287, "lon": 105.8524}}
        for day, mode, crafts, lunch in itertools.islice(combos, repeat)
    ]  # fmt: skip


def page_query(case: dict) -> dict:
    query = {"date": case["date"], "place": "hoan-kiem", "day_start": "08:00",
             "day_end": "18:00", "mode": case["mode"], "adults": case["party"], "children": 0,
             "max_stops": 4, "days": 1, "crafts": case["crafts"]}  # fmt: skip
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


def report(target: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(json.dumps({"target": target, "runs": len(times),
                      "median_ms": round(statistics.median(times), 1), "p95_ms": round(p95, 1),
                      "max_ms": round(ordered[-1], 1)}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    app = build_app(url)
    client = app.test_client()
    runs = cases(args.repeat)
    report("POST /api/v1/plan", timed(lambda c: client.post("/api/v1/plan", json=c), runs))
    report("GET /plan/ (page + map)",
           timed(lambda c: client.get("/plan/", query_string=page_query(c)), runs))  # fmt: skip


if __name__ == "__main__":
    main()
