"""A local HTTP server that answers like Nominatim's /search (format=json), for tests: the
real service is not reachable from them. Used by tests/geocoding and the browser tests."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class FakeNominatim:
    """Answers `answers[q]` (a list of Nominatim JSON results; [] when unknown) and records
    every request it gets: (time, query parameters, headers)."""

    url: str = ""
    answers: dict[str, list[dict]] = field(default_factory=dict)
    requests: list[tuple[float, dict, dict]] = field(default_factory=list)

    @property
    def queries(self) -> list[str]:
        return [params.get("q", [""])[0] for _at, params, _headers in self.requests]


def place(lat: float, lon: float, name: str, kind: str = "village", **extra) -> dict:
    """One result in Nominatim's JSON format (format=json)."""
    return {
        "place_id": 123456,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": "node",
        "osm_id": extra.pop("osm_id", 987654321),
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": extra.pop("category", "place"),
        "type": kind,
        "place_rank": 19,
        "importance": 0.3,
        "addresstype": kind,
        "name": name.split(",")[0],
        "display_name": name,
        "boundingbox": [
            f"{lat - 0.01:.7f}",
            f"{lat + 0.01:.7f}",
            f"{lon - 0.01:.7f}",
            f"{lon + 0.01:.7f}",
        ],  # fmt: skip
        **extra,
    }


@contextmanager
def fake_nominatim() -> Iterator[FakeNominatim]:
    """Serve a FakeNominatim on a free local port (in a thread) for the block."""
    fake = FakeNominatim()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            parts = urlsplit(self.path)
            params = parse_qs(parts.query)
            fake.requests.append((time.monotonic(), params, dict(self.headers)))
            if parts.path != "/search":
                self.send_error(404)
                return
            body = json.dumps(fake.answers.get(params.get("q", [""])[0], [])).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
