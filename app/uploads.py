"""Serves the photos hosts upload (/uploads/<name>) with headers that keep them inert images."""

from flask import Blueprint, abort, send_from_directory

from app.villages.photos import NAME_PATTERN, upload_dir

bp = Blueprint("uploads", __name__)

CONTENT_TYPES = {"jpg": "image/jpeg", "webp": "image/webp"}
#: Nothing inside an uploaded file may run, load or be framed.
UPLOAD_CSP = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox; frame-ancestors 'none'"


@bp.get("/uploads/<name>")
def photo(name: str):
    """Only names our photo pipeline makes; anything else (paths, other files) is a 404."""
    if not NAME_PATTERN.match(name):
        abort(404)
    response = send_from_directory(
        upload_dir(), name, mimetype=CONTENT_TYPES[name.rsplit(".", 1)[1]], max_age=7 * 24 * 3600
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Content-Security-Policy"] = UPLOAD_CSP
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
