"""Time the handbook's pages at city scale and check the issue-16 targets.

    python benchmarks/handbook.py [--villages 3000] [--repeat 30] [--database-url URL]

Runs the real app (migrations, `flask seed`) on a fresh SQLite file, or on the PostgreSQL
database given by --database-url (its public schema is dropped first), adds synthetic mapped
villages (with crafts and products) up to `--villages`, and requests each page through the WSGI
test client: the first request (a fresh process renders everything it caches), then `--repeat`
more. Prints one JSON line per page, then one line per target with whether it is met.

Targets: the home page under 400 KB and its first render under 300 ms; the village list and
search p95 under 50 ms.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.villages.importing import refresh_search_text  # noqa: E402
from app.villages.models import Craft, Product, Village  # noqa: E402

PAGES = {
    "home": "/",
    "villages geojson": "/api/v1/villages.geojson",
    "village list": "/villages/",
    "village list (100 per page)": "/villages/?per_page=100",
    "village search 'bat trang'": "/villages/?q=bat+trang",
    "village search 'gom'": "/villages/?q=gom",
    "village page with map": "/villages/bat-trang",
    "products": "/products/",
    "api villages (per_page=100)": "/api/v1/villages?per_page=100",
}
TARGETS = [
    ("home page size", "home", "bytes", 400_000),
    ("home first render", "home", "first_ms", 300),
    ("village list p95", "village list", "p95_ms", 50),
    ("village search p95", "village search 'bat trang'", "p95_ms", 50),
]


def build_app(database_url: str):
    if database_url.startswith("postgresql"):
        from tests.conftest import reset_postgres

        reset_postgres(database_url)
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_ENABLED": False,
            "SECRET_KEY": "benchmark",
        }
    )
    with app.app_context():
        upgrade()
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return app


def add_synthetic_villages(app, total: int) -> int:
    """Mapped villages spread over Hanoi, each with a craft and two products, up to `total`."""
    with app.app_context():
        existing = db.session.scalar(select(func.count(Village.id)))
        crafts = list(db.session.scalars(select(Craft).order_by(Craft.slug)))
        for number in range(max(0, total - existing)):
            craft = crafts[number % len(crafts)]
            village = Village(
                slug=f"synthetic-{number}",
                name_vi=f"Làng thử {number}",
                name_en=f"Synthetic village {number}",
                craft_label=craft.name_en,
                lat=20.6 + (number % 60) * 0.012,
                lon=105.3 + (number // 60) * 0.015,
                coord_precision="new-commune" if number % 3 else "village",
                district="Gia Lâm",
                commune=f"Xã thử {number % 200}",
                description_en="A synthetic village for the benchmark.",
                description_vi="Một làng giả cho phép đo.",
                products=[Product(name_en=f"Item {number}-{k}", position=k) for k in range(2)],
                crafts=[craft],
            )
            refresh_search_text(village)
            db.session.add(village)
        db.session.commit()
        return db.session.scalar(select(func.count(Village.id)))


def time_page(client, url: str, repeat: int) -> dict:
    start = time.perf_counter()
    response = client.get(url)  # the first request renders what later ones reuse
    first_ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    result = {
        "first_ms": round(first_ms, 1),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
        "bytes": len(response.data),
    }
    if response.headers.get("ETag"):
        result["not_modified_ms"] = time_not_modified(client, url, response.headers["ETag"])
    return result


def time_not_modified(client, url: str, etag: str) -> float:
    """Median time of a revalidation that the browser's copy is still current (a 304)."""
    samples = []
    for _ in range(10):
        start = time.perf_counter()
        response = client.get(url, headers={"If-None-Match": etag})
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 304, (url, response.status_code)
    return round(statistics.median(samples), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--villages", type=int, default=3000, help="total villages to time at")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = build_app(url)
        villages = add_synthetic_villages(app, args.villages)
        client = app.test_client()
        client.get("/language/en")
        backend = url.split(":", 1)[0]
        results = {}
        for name, path in PAGES.items():
            results[name] = time_page(client, path, args.repeat)
            line = {"page": name, "url": path, "backend": backend, "villages": villages}
            print(json.dumps({**line, **results[name]}))
        for label, page, measure, limit in TARGETS:
            value = results[page][measure]
            print(json.dumps({"target": label, "value": value, "limit": limit,
                              "met": value < limit}))  # fmt: skip


if __name__ == "__main__":
    main()
