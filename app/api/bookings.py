"""POST /api/v1/bookings, GET /api/v1/bookings/<reference>, POST …/<reference>/cancel."""

from flask import jsonify, request

from app.api.blueprint import bp
from app.api.body import load_json
from app.api.queries import TokenQuery, load_query
from app.api.schemas import BookingCreateSchema, BookingSchema
from app.bookings import services
from app.errors import Invalid, Unauthorized, Unprocessable
from app.extensions import limiter
from app.i18n import current_language
from app.timeutil import utcnow
from app.urls import external_url

KEY_PREFIX = "api:"
MAX_KEY = 100 - len(KEY_PREFIX)  # stored with its prefix in a 100-character column


def _token() -> str:
    body = request.get_json(silent=True)
    token = load_query(TokenQuery()).get("token") or (
        body.get("token") if isinstance(body, dict) else ""
    )
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
    raw_key = request.headers.get("Idempotency-Key", "")
    key = raw_key.strip()
    if len(raw_key) > MAX_KEY:
        raise Invalid(
            "bad_key",
            "Idempotency-Key is too long.",
            {"Idempotency-Key": f"at most {MAX_KEY} characters"},
        )
    booking, token, created = _request_booking(
        services.BookingRequest(
            slot_ids=tuple(data["slot_ids"]),
            adults=data["adults"],
            children=data["children"],
            name=data["contact"]["name"],
            email=data["contact"]["email"],
            phone=data["contact"]["phone"],
            note=data["note"],
            language=data["language"] or current_language(),
            idempotency_key=f"{KEY_PREFIX}{key}" if key else None,
            departure_id=data["departure_id"],
        ),
    )
    response, status = _answer(booking, token, 201 if created else 200)
    if not created:
        response.headers["Idempotent-Replayed"] = "true"
    return response, status


def _request_booking(booking_request: services.BookingRequest):
    """The booking service, its rule refusals (party size, unknown slot, slots with a
    departure…) answered 422: the body had the documented shape, so it is not a 400."""
    try:
        return services.request_booking(booking_request, None, utcnow())
    except Unprocessable:
        raise
    except Invalid as error:
        raise Unprocessable(error.code, error.message, error.fields) from None


@bp.get("/bookings/<reference>")
def bookings_detail(reference: str):
    token = _token()
    return _answer(services.find_booking(reference, token), token)


@bp.post("/bookings/<reference>/cancel")
def bookings_cancel(reference: str):
    token = _token()
    return _answer(services.guest_cancel(reference, token, utcnow()), token)
