"""Booking throughput: 16 concurrent clients against gunicorn (as `make serve` runs it).

    python benchmarks/booking.py [--clients 16] [--requests 800] [--workers 4]
                                 [--database-url URL]

Migrates a fresh SQLite file (or the PostgreSQL database given; its public schema is dropped
first), seeds the villages and demo workshops, starts gunicorn with --workers processes, then
has --clients threads POST /api/v1/bookings (1 adult each, spread over many slots, some slots
filling up so 409s happen too). Prints bookings per second and median / p95 latency, and
checks afterwards that no slot is over capacity.
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.experiences.models import Experience, Slot  # noqa: E402
from app.extensions import db  # noqa: E402
from app.timeutil import utcnow  # noqa: E402
from benchmarks.handbook import build_app  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "benchmark",
        "RATELIMIT_ENABLED": "false",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def post_booking(base: str, slot_id: int, number: int) -> tuple[int, float]:
    body = json.dumps(
        {
            "slot_ids": [slot_id],
            "adults": 1,
            "contact": {
                "name": f"Bench {number}",
                "email": f"bench{number}@example.com",
                "phone": "0901234567",
            },
        }
    ).encode()
    request = urllib.request.Request(
        base + "/api/v1/bookings",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    begin = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - begin) * 1000


def run_clients(base: str, slot_ids: list[int], clients: int, total: int) -> list[tuple]:
    results, lock, counter = [], threading.Lock(), iter(range(total))
    rng = random.Random(7)
    choices = [rng.choice(slot_ids) for _ in range(total)]

    def client() -> None:
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            outcome = post_booking(base, choices[number], number)
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = build_app(url)
        with app.app_context():
            slot_ids = list(
                db.session.scalars(
                    select(Slot.id)
                    .join(Experience)
                    .where(Slot.starts_at > utcnow() + timedelta(days=2), Experience.min_party == 1)
                    .order_by(Slot.starts_at)
                    .limit(40)
                )
            )
        process, base = start_gunicorn(url, args.workers)
        try:
            begin = time.perf_counter()
            results = run_clients(base, slot_ids, args.clients, args.requests)
            elapsed = time.perf_counter() - begin
        finally:
            process.terminate()
            process.wait(timeout=15)
        with app.app_context():
            db.session.remove()
            over = db.session.scalars(select(Slot).where(Slot.booked > Slot.capacity)).all()
        latencies = sorted(latency for _status, latency in results)
        statuses = [status for status, _latency in results]
        print(
            json.dumps(
                {
                    "backend": url.split(":", 1)[0],
                    "workers": args.workers,
                    "clients": args.clients,
                    "requests": len(results),
                    "created": statuses.count(201),
                    "refused_409": statuses.count(409),
                    "other": {
                        str(code): statuses.count(code) for code in set(statuses) - {201, 409}
                    },
                    "requests_per_s": round(len(results) / elapsed, 1),
                    "bookings_per_s": round(statuses.count(201) / elapsed, 1),
                    "median_ms": round(statistics.median(latencies), 1),
                    "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
                    "slots_over_capacity": len(over),
                }
            )
        )


if __name__ == "__main__":
    main()
