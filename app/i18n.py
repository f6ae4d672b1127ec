"""Language choice (remembered in a cookie) and bilingual fields (`name_vi` / `name_en`)."""

from flask import current_app, has_request_context, request
from flask_babel import get_locale

LANGUAGE_COOKIE = "lang"


def select_language() -> str:
    """The visitor's chosen language, else the browser's best match, else the default."""
    supported = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and services called from scripts
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in supported:
        return chosen
    return (
        request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else current_app.config["BABEL_DEFAULT_LOCALE"]


def tr(obj, field: str) -> str:
    """`obj.<field>_<lang>` in the visitor's language, falling back to the other language."""
    first = current_language()
    other = "en" if first == "vi" else "vi"
    return getattr(obj, f"{field}_{first}", "") or getattr(obj, f"{field}_{other}", "") or ""


def is_fallback(obj, field: str) -> bool:
    """True when the page shows `field` in the other language because ours is empty."""
    return not getattr(obj, f"{field}_{current_language()}", "")
