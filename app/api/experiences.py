"""GET /api/v1/experiences and /api/v1/experiences/<id>/slots."""

from datetime import timedelta

from flask import jsonify

from app.api.blueprint import bp
from app.api.schemas import ExperienceSchema, SlotSchema
from app.errors import Invalid
from app.experiences import services
from app.requestargs import date_arg, experience_filters, int_arg
from app.timeutil import to_local, utcnow


@bp.get("/experiences")
def experiences_index():
    page = services.list_experiences(
        experience_filters(), page=int_arg("page", 1), per_page=int_arg("per_page", 50)
    )
    return jsonify(
        {
            "items": ExperienceSchema(many=True).dump(page.items),
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
        }
    )


@bp.get("/experiences/<int:experience_id>/slots")
def experience_slots(experience_id: int):
    """Bookable slots between `from` and `to` (Hanoi dates, inclusive; default 31 days)."""
    experience = services.get_published(experience_id)
    now = utcnow()
    first = date_arg("from") or to_local(now).date()
    last = date_arg("to") or first + timedelta(days=30)
    if last < first:
        raise Invalid("bad_range", "to must not be before from.", {"to": "before from"})
    slots = services.bookable_slots(experience, first, last, now)
    return jsonify(SlotSchema(many=True).dump(slots))
