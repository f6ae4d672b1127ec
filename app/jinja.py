"""Template filters and globals: money, local times, bilingual fields, readable notes, the CSP
nonce."""

import secrets
from urllib.parse import urlencode

from flask import Flask, g, request
from flask_babel import lazy_gettext as _l
from flask_babel import refresh

from app.formatting import local_clock, local_time, vnd
from app.i18n import current_language, is_fallback, tr
from app.richtext import note_pieces


def register(app: Flask) -> None:
    app.jinja_env.filters.update(vnd=vnd, local_time=local_time, local_clock=local_clock)
    app.jinja_env.filters["tr"] = tr
    app.jinja_env.filters["note_pieces"] = note_pieces
    app.jinja_env.globals.update(
        is_fallback=is_fallback,
        current_language=current_language,
        csp_nonce=lambda: g.get("csp_nonce", ""),
        page_url=page_url,
        role_label=role_label,
    )
    app.before_request(_make_nonce)


def _make_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)
    refresh()  # the language is chosen per request, even when an app context outlives one


ROLE_LABELS = {
    "visitor": _l("visitor"),
    "host": _l("village host"),
    "operator": _l("tour operator"),
    "admin": _l("admin"),
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def page_url(page: int) -> str:
    """The current URL with another `page` number, keeping every other filter."""
    args = request.args.to_dict()
    args["page"] = str(page)
    return f"{request.path}?{urlencode(args)}"
