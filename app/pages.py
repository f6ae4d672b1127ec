"""Site-wide pages: home with the overview map, the language switch, the attribution page,
the favicon."""

from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from app import maps
from app.errors import Invalid
from app.i18n import LANGUAGE_COOKIE, current_language
from app.itineraries import services as itineraries
from app.requestargs import str_arg
from app.villages import services

bp = Blueprint("pages", __name__)
ONE_YEAR = 365 * 24 * 3600
ONE_DAY = 24 * 3600


@bp.get("/")
def home():
    """The map shell and the filters; the villages come as GeoJSON from the API."""
    craft = str_arg("craft")
    shown = services.count_mapped(craft)
    overview = maps.cached(("overview-shell", current_language(), request.script_root),
                           maps.overview_shell)  # fmt: skip
    return render_template(
        "home.html",
        overview=overview,
        craft=craft,
        crafts=services.all_crafts(),
        counts=services.count_villages(),
        shown=shown,
        routes=itineraries.published_itineraries(),
    )


@bp.get("/language/<code>")
def set_language(code: str):
    """Remember the visitor's language for a year and go back where they were."""
    if code not in current_app.config["LANGUAGES"]:
        raise Invalid("unknown_language", f"Unknown language '{code[:10]}'.", {"code": "unknown"})
    response = redirect(local_path(request.args.get("next")) or url_for("pages.home"))
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=ONE_YEAR, samesite="Lax", httponly=True)
    return response


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links: answer with the SVG icon."""
    response = send_from_directory(
        Path(current_app.static_folder) / "img", "favicon.svg", mimetype="image/svg+xml"
    )
    response.cache_control.max_age = ONE_DAY
    return response


@bp.get("/about/data")
def data_sources():
    return render_template("about_data.html")


def local_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
