"""Turns AppErrors and HTTP errors into an HTML page or, under /api/, the SPEC §3 JSON error."""

from flask import Flask, current_app, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from app.errors import AppError, Busy

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid",
         429: "too_many_requests", 500: "server_error", 503: "unavailable"}  # fmt: skip


def register(app: Flask) -> None:
    app.register_error_handler(AppError, _app_error)
    app.register_error_handler(HTTPException, _http_error)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    if wants_json():
        body = {"error": {"code": code, "message": message, "fields": fields or {}}}
        return jsonify(body), status
    template = "errors/404.html" if status == 404 else "errors/error.html"
    return render_template(template, status=status, message=message, fields=fields or {}), status


def _app_error(error: AppError):
    response = make_response(error_response(error.status, error.code, error.message, error.fields))
    if isinstance(error, Busy):  # a lock timeout: nothing was written, the client may retry
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def _http_error(error: HTTPException):
    status = error.code or 500
    message = _("Page not found.") if status == 404 else (error.description or error.name)
    if status == 413:
        limit = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
        message = _("The upload is too large: a request may be at most %(mb)d MB.", mb=limit)
    response = error_response(status, CODES.get(status, "error"), message)
    if status == 405 and error.valid_methods:
        response[0].headers["Allow"] = ", ".join(error.valid_methods)
    return response
