"""A real server for concurrency tests: gunicorn with several workers on the test database (as
`make serve` runs it, on the test process's clock), and plain-urllib clients that run in
separate processes."""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import GUNICORN_CLOCK, clock_env

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, workers: int = 4, **env: str) -> tuple[subprocess.Popen, str]:
    """Start gunicorn on `database_url` and wait until it answers; returns it and its base URL."""
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "concurrency-test",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "RATELIMIT_ENABLED": "false",
        "BOOKING_HOLD_HOURS": "48",
        "SESSION_COOKIE_SECURE": "false",  # plain http on 127.0.0.1
        **clock_env(),
        **env,
    }
    command = [str(GUNICORN), "-c", str(GUNICORN_CLOCK), "--workers", str(workers)]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # a busy 2-core machine starts 4 workers slowly
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    headers: dict[str, str]
    seconds: float

    @property
    def error_code(self) -> str:
        try:
            return json.loads(self.body)["error"]["code"]
        except (ValueError, KeyError, TypeError):
            return ""


def call(opener, url: str, data: bytes | None = None, headers: dict | None = None) -> Answer:
    """One HTTP request; any status (2xx, 4xx, 5xx) comes back as an Answer with its timing."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.monotonic()
    try:
        with opener.open(request, timeout=60) as response:
            body = response.read().decode()
            return Answer(response.status, body, dict(response.headers), time.monotonic() - started)
    except urllib.error.HTTPError as error:
        body = error.read().decode()
        return Answer(error.code, body, dict(error.headers), time.monotonic() - started)


def book_api(base: str, email: str, *, slot_ids=(), departure_id=None) -> Answer:
    """A guest books one place through the JSON API."""
    target = {"departure_id": departure_id} if departure_id else {"slot_ids": list(slot_ids)}
    body = {
        **target,
        "adults": 1,
        "contact": {"name": "Guest", "email": email, "phone": "0901234567"},
    }
    return call(
        urllib.request.build_opener(),
        f"{base}/api/v1/bookings",
        json.dumps(body).encode(),
        {"Content-Type": "application/json"},
    )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 comes back as the answer, so a test sees where a form sends it


class Browser:
    """A person with a cookie jar who fills in the app's forms (CSRF token included)."""

    def __init__(self, base: str, language: str = "en"):
        self.base, self.headers = base, {"Accept-Language": language}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )
        self.token = self.form_token = ""

    def get(self, path: str) -> Answer:
        answer = call(self.opener, self.base + path, headers=self.headers)
        if found := CSRF.search(answer.body):
            self.token = found.group(1)
        if found := FORM_TOKEN.search(answer.body):
            self.form_token = found.group(1)
        return answer

    def post(self, path: str, fields: dict) -> Answer:
        data = urllib.parse.urlencode({"csrf_token": self.token, **fields}).encode()
        return call(self.opener, self.base + path, data, self.headers)

    def log_in(self, email: str, password: str) -> None:
        self.get("/auth/login")
        answer = self.post("/auth/login", {"email": email, "password": password})
        if answer.status != 302:
            message = answer.body[answer.body.find('class="lead"') :][:200]
            raise RuntimeError(f"login as {email} failed: {answer.status} {message}")
