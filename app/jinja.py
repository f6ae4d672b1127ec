"""Template filters and globals: money, local times, bilingual fields, readable notes, the CSP
nonce."""

import secrets
from urllib.parse import urlencode, urlsplit

from babel import Locale
from flask import Flask, current_app, g, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import refresh

from app.formatting import duration, local_clock, local_time, vnd
from app.i18n import current_language, is_fallback, tr
from app.richtext import note_pieces


def register(app: Flask) -> None:
    app.jinja_env.filters.update(vnd=vnd, local_time=_local_time, local_clock=_local_clock)
    app.jinja_env.filters["tr"] = tr
    app.jinja_env.filters.update(duration=_duration, language_names=language_names)
    app.jinja_env.filters["note_pieces"] = note_pieces
    app.jinja_env.globals.update(
        is_fallback=is_fallback,
        current_language=current_language,
        csp_nonce=lambda: g.get("csp_nonce", ""),
        page_url=page_url,
        absolute_url=absolute_url,
        role_label=role_label,
    )
    app.before_request(_make_nonce)


def _local_time(moment, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """Hanoi time with its zone, weekday and month names in the page's language."""
    return local_time(moment, pattern, current_language())


def _local_clock(moment, pattern: str = "%H:%M") -> str:
    return local_clock(moment, pattern, current_language())


def _duration(minutes: int) -> str:
    """`150` -> "2 h 30 min" / "2 giờ 30 phút"."""
    return duration(minutes, _("h"), _("min"))


def language_names(codes) -> str:
    """Language codes ("vi,en" or a list) named in the page's language: "Tiếng Việt, Tiếng Anh"."""
    names = Locale(current_language()).languages
    if isinstance(codes, str):
        codes = [code for code in codes.split(",") if code]
    return ", ".join(names.get(code, code) for code in codes)


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


def absolute_url(path: str) -> str:
    """`path` (from url_for) as an absolute URL on PUBLIC_URL's host when it is set (links
    that leave the site, like a shared page's picture), else on the request's."""
    public = urlsplit(current_app.config.get("PUBLIC_URL") or "")
    origin = f"{public.scheme}://{public.netloc}" if public.netloc else request.host_url
    return origin.rstrip("/") + "/" + path.lstrip("/")


def page_url(page: int) -> str:
    """The current URL with another `page` number, keeping every other filter."""
    args = request.args.to_dict()
    args["page"] = str(page)
    return f"{request.path}?{urlencode(args)}"
