"""GET /api/v1/tours and /api/v1/tours/<id>/departures (read-only)."""

from flask import jsonify
from marshmallow import Schema, fields

from app.api.blueprint import bp
from app.api.queries import ToursQuery, load_query
from app.api.schemas import LocalDateTime, PointSchema
from app.operators import services
from app.timeutil import utcnow


class TourStopSchema(Schema):
    village = fields.Function(lambda stop: stop.village.slug)
    experience_id = fields.Int(allow_none=True)
    offset_minutes = fields.Int()
    stay_minutes = fields.Int()


class TourSchema(Schema):
    id = fields.Int()
    slug = fields.Str()
    title_vi = fields.Str()
    title_en = fields.Str()
    description_vi = fields.Str()
    description_en = fields.Str()
    duration_minutes = fields.Int()
    price_adult_vnd = fields.Int()
    price_child_vnd = fields.Int()
    languages = fields.Function(lambda tour: tour.language_list)
    meeting_point = fields.Str()
    meeting_point_location = fields.Nested(
        PointSchema, attribute="meeting_location", allow_none=True
    )
    operator = fields.Function(lambda tour: tour.operator.name)
    stops = fields.List(fields.Nested(TourStopSchema))


class DepartureSchema(Schema):
    id = fields.Int()
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    capacity = fields.Int()
    remaining = fields.Int()


@bp.get("/tours")
def tours_index():
    args = load_query(ToursQuery())
    page = services.published_tours(page=args["page"], per_page=args["per_page"])
    return jsonify({"items": TourSchema(many=True).dump(page.items), "total": page.total})


@bp.get("/tours/<int:tour_id>/departures")
def tour_departures(tour_id: int):
    tour = services.get_published_tour(tour_id)
    return jsonify(DepartureSchema(many=True).dump(services.upcoming_departures(tour.id, utcnow())))
