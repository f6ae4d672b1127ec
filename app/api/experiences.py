"""GET /api/v1/experiences and /api/v1/experiences/<id>/slots."""

from datetime import timedelta

from flask import jsonify

from app.api.blueprint import bp
from app.api.queries import ExperiencesQuery, SlotsQuery, load_query, served_date
from app.api.schemas import ExperienceSchema, SlotSchema
from app.errors import Unprocessable
from app.experiences import services
from app.timeutil import to_local, utcnow


@bp.get("/experiences")
def experiences_index():
    args = load_query(ExperiencesQuery())
    filters = services.ExperienceFilters(
        q=args["q"].strip(),
        village=args["village"].strip(),
        craft=args["craft"].strip(),
        on=served_date(args["date"], "date"),
        language=args["language"],
        min_price=args["min_price"],
        max_price=args["max_price"],
    )
    page = services.list_experiences(filters, page=args["page"], per_page=args["per_page"])
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
    args = load_query(SlotsQuery())
    experience = services.get_published(experience_id)
    now = utcnow()
    first = served_date(args["first"], "from") or to_local(now).date()
    last = served_date(args["last"], "to") or first + timedelta(days=30)
    if not 0 <= (last - first).days <= services.MAX_RANGE_DAYS:
        raise Unprocessable(
            "bad_range",
            f"to must be from 0 to {services.MAX_RANGE_DAYS} days after from.",
            {"to": f"0 to {services.MAX_RANGE_DAYS} days after from"},
        )
    slots = services.bookable_slots(experience, first, last, now)
    return jsonify(SlotSchema(many=True).dump(slots))
