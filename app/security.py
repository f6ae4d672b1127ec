"""Security headers on every response, and no caching of pages that hold a secret token."""

from flask import current_app, g, request


def add_security_headers(response):
    """Frame, sniffing and referrer protection, plus a CSP limited to our assets and tiles."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Content-Security-Policy", content_security_policy())
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if carries_token():
        response.headers["Cache-Control"] = "no-store"
    return response


def carries_token() -> bool:
    """A manage link (`?token=`), a reset link (`/auth/reset/<token>`) or a booking answer of
    the API (which holds the manage link): no browser or proxy may keep a copy."""
    return (
        "token" in request.args
        or "token" in (request.view_args or {})
        or (request.endpoint or "").startswith("api.bookings_")
    )


def content_security_policy() -> str:
    nonce = getattr(g, "csp_nonce", "")
    tile_host = _origin(current_app.config["TILE_URL"])
    images = " ".join(filter(None, ["'self'", "data:", tile_host]))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'" if nonce else "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src {images}",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def _origin(url: str) -> str:
    """`https://tile.openstreetmap.org/{z}/…` -> `https://tile.openstreetmap.org`."""
    if "://" not in url:
        return ""
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}.", "*.")
    return f"{scheme}://{host}"
