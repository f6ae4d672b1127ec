"""POST /api/v1/bookings, GET /api/v1/bookings/<reference>, POST …/<reference>/cancel."""

from flask import jsonify, request

from app.api.blueprint import bp
from app.api.body import load_json
from app.api.schemas import BookingCreateSchema, BookingSchema
from app.bookings import services
from app.errors import Invalid, Unauthorized
from app.extensions import limiter
from app.i18n import current_language
from app.timeutil import utcnow
from app.urls import external_url

MAX_KEY = 100


def _token() -> str:
    body = request.get_json(silent=True)
    token = request.args.get("token") or (body.get("token") if isinstance(body, dict) else "")
    if not token:
        raise Unauthorized(
            "token_required", "The booking's token is required.", {"token": "required"}
        )
    return str(token)


def _answer(booking, token: str, status: int = 200):
    body = BookingSchema().dump(booking)
    body["manage_url"] = external_url("bookings.manage", reference=booking.reference, token=token)
    return jsonify(body), status


@bp.post("/bookings")
@limiter.limit(lambda: "30 per minute")
def bookings_create():
    data = load_json(BookingCreateSchema())
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > MAX_KEY:
        raise Invalid(
            "bad_key",
            "Idempotency-Key is too long.",
            {"Idempotency-Key": f"at most {MAX_KEY} characters"},
        )
    booking, token, created = services.request_booking(
        services.BookingRequest(
            slot_ids=tuple(data["slot_ids"]),
            adults=data["adults"],
            children=data["children"],
            name=data["contact"]["name"],
            email=data["contact"]["email"],
            phone=data["contact"]["phone"],
            note=data["note"],
            language=data["language"] or current_language(),
            idempotency_key=f"api:{key}" if key else None,
            departure_id=data["departure_id"],
        ),
        None,
        utcnow(),
    )
    response, status = _answer(booking, token, 201 if created else 200)
    if not created:
        response.headers["Idempotent-Replayed"] = "true"
    return response, status


@bp.get("/bookings/<reference>")
def bookings_detail(reference: str):
    token = _token()
    return _answer(services.find_booking(reference, token), token)


@bp.post("/bookings/<reference>/cancel")
def bookings_cancel(reference: str):
    token = _token()
    return _answer(services.guest_cancel(reference, token, utcnow()), token)
