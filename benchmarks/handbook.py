"""Time the handbook's heaviest pages: the overview map and the village list with every village.

    python benchmarks/handbook.py [--repeat 30] [--extra 0] [--database-url URL]

Runs the real app (migrations, `flask seed`) on a fresh SQLite file, or on the PostgreSQL
database given by --database-url (its public schema is dropped first), and requests each page
through the WSGI test client. `--extra N` adds N synthetic mapped villages to see how the
pages scale. Prints one JSON line per page with median and p95 milliseconds.
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

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.villages.importing import refresh_search_text  # noqa: E402
from app.villages.models import Village  # noqa: E402

PAGES = {
    "home map (all villages)": "/",
    "village list (all, one page)": "/villages/?per_page=100",
    "village list (search 'bat trang')": "/villages/?q=bat+trang",
    "village page with map": "/villages/bat-trang",
    "api villages (per_page=100)": "/api/v1/villages?per_page=100",
}


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


def add_synthetic_villages(app, count: int) -> None:
    with app.app_context():
        for number in range(count):
            village = Village(
                slug=f"synthetic-{number}",
                name_vi=f"Làng thử {number}",
                name_en=f"Synthetic {number}",
                craft_label="ceramics",
                lat=20.7 + (number % 60) * 0.01,
                lon=105.5 + (number // 60) * 0.01,
                coord_precision="commune",
                district="Gia Lâm",
                products=[],
                crafts=[],
            )
            refresh_search_text(village)
            db.session.add(village)
        db.session.commit()


def time_page(client, url: str, repeat: int) -> dict:
    start = time.perf_counter()
    client.get(url)  # the first request renders; later ones may reuse the map cache
    first_ms = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return {
        "first_ms": round(first_ms, 1),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(0.95 * (len(samples) - 1))], 1),
        "bytes": len(response.data),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--extra", type=int, default=0, help="synthetic villages to add")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = build_app(url)
        add_synthetic_villages(app, args.extra)
        client = app.test_client()
        backend = url.split(":", 1)[0]
        for name, path in PAGES.items():
            print(
                json.dumps(
                    {
                        "page": name,
                        "url": path,
                        "backend": backend,
                        "villages": 37 + args.extra,
                        **time_page(client, path, args.repeat),
                    }
                )
            )


if __name__ == "__main__":
    main()
