"""The app's public address: every link that leaves it (emails, API answers) is built on
PUBLIC_URL, never on the Host a request claims, and requests for other hosts are refused."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host

if TYPE_CHECKING:
    from flask import Flask

#: Hosts a developer's browser or the test client uses; trusted only in debug and testing.
LOCAL_HOSTS = ("localhost", "127.0.0.1")
DEVELOPMENT_URL = "http://localhost:5000"


def configure_public_url(app: Flask) -> None:
    """Check PUBLIC_URL (required outside debug/testing) and derive TRUSTED_HOSTS from it."""
    url = (app.config.get("PUBLIC_URL") or "").strip().rstrip("/")
    local = app.debug or app.testing
    if not url:
        if not local:
            raise RuntimeError(
                "PUBLIC_URL is not set: refusing to start outside debug/testing "
                "(emailed links are built on it, e.g. PUBLIC_URL=https://langnghe.example)."
            )
        url = DEVELOPMENT_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise RuntimeError(f"PUBLIC_URL must look like https://langnghe.example, not {url!r}.")
    app.config["PUBLIC_URL"] = url
    if not app.config.get("TRUSTED_HOSTS"):
        app.config["TRUSTED_HOSTS"] = [parts.hostname, *(LOCAL_HOSTS if local else ())]


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` on PUBLIC_URL (what an email or an API answer links to)."""
    from flask import current_app

    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme
    )
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)


class TrustedHostGuard:
    """WSGI middleware answering 400 to a request whose Host is not in TRUSTED_HOSTS, before
    Flask builds anything from that Host (error pages included)."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        try:
            get_host(environ, self.app.config["TRUSTED_HOSTS"])
        except SecurityError:
            return self._refuse(environ, start_response)
        return self.wsgi_app(environ, start_response)

    @staticmethod
    def _refuse(environ, start_response):
        message = "This server does not answer for that host name."
        if environ.get("PATH_INFO", "").startswith("/api/"):
            error = {"code": "untrusted_host", "message": message, "fields": {"Host": "unknown"}}
            body, kind = json.dumps({"error": error}).encode(), "application/json"
        else:
            body, kind = f"400 Bad Request: {message}\n".encode(), "text/plain; charset=utf-8"
        start_response(
            "400 Bad Request", [("Content-Type", kind), ("Content-Length", str(len(body)))]
        )
        return [body]
