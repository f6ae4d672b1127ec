"""Serves the browser libraries (Bootstrap, Leaflet, …) installed by npm, so no page needs a CDN."""

from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory, url_for

bp = Blueprint("assets", __name__)

#: npm package -> its folder of built files; nothing else under node_modules is served.
PACKAGES = {
    "bootstrap": "dist",
    "jquery": "dist",
    "leaflet": "dist",
    "leaflet.markercluster": "dist",
    "leaflet.featuregroup.subgroup": "dist",
}


def vendor_dir() -> Path:
    return Path(current_app.config["VENDOR_DIR"])


@bp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str):
    if package not in PACKAGES:
        abort(404)
    folder = vendor_dir() / package / PACKAGES[package]
    return send_from_directory(folder, filename, max_age=7 * 24 * 3600)


def vendor_url(package: str, filename: str) -> str:
    return url_for("assets.vendor", package=package, filename=filename)
