"""Query strings of the API: each GET reads its parameters through one marshmallow schema
(bounds and formats refused with a 400 naming the field), and openapi.json documents the same
schemas, so the document cannot promise what the code refuses."""

from datetime import date

from flask import request
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from app.api.body import flatten
from app.api.schemas import ID_RANGE, IsoDate
from app.errors import Invalid, Unprocessable
from app.experiences.rules import LANGUAGES
from app.products.services import OCOP_LEVELS
from app.requestargs import FIRST_DATE, LAST_DATE
from app.villages.services import MAX_PER_PAGE
from app.villages.wording import RECOGNITION_KEYS

TEXT = validate.Length(max=100)


class QuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE  # other query parameters are ignored, as HTTP caches and proxies do


class PagingQuery(QuerySchema):
    page = fields.Int(load_default=1, validate=ID_RANGE, metadata={"description": "From 1"})
    per_page = fields.Int(load_default=20, validate=validate.Range(1, MAX_PER_PAGE))


class VillagesQuery(PagingQuery):
    q = fields.Str(
        load_default="",
        validate=TEXT,
        metadata={"description": "Search words; diacritics and case are ignored"},
    )
    craft = fields.Str(load_default="", validate=TEXT, metadata={"description": "Craft slug"})
    district = fields.Str(load_default="", validate=TEXT)
    ocop = fields.Bool(
        load_default=False, metadata={"description": "Only villages with OCOP-rated products"}
    )
    workshops = fields.Bool(
        load_default=False, metadata={"description": "Only villages offering workshops"}
    )
    recognition = fields.Str(
        load_default="",
        validate=validate.OneOf(["", *RECOGNITION_KEYS]),
        metadata={"description": "The title a village holds (none: not researched yet)"},
    )


class GeoJsonQuery(QuerySchema):
    craft = fields.Str(load_default="", validate=TEXT, metadata={"description": "Craft slug"})


class ExperiencesQuery(PagingQuery):
    per_page = fields.Int(load_default=50, validate=validate.Range(1, MAX_PER_PAGE))
    q = fields.Str(load_default="", validate=TEXT)
    village = fields.Str(load_default="", validate=TEXT, metadata={"description": "Village slug"})
    craft = fields.Str(load_default="", validate=TEXT, metadata={"description": "Craft slug"})
    language = fields.Str(load_default="", validate=validate.OneOf(["", *LANGUAGES]))
    date = IsoDate(
        load_default=None,
        metadata={
            "description": f"Only workshops with an open slot that day (Hanoi time), "
            f"{FIRST_DATE.year}–{LAST_DATE.year}"
        },  # fmt: skip
    )
    min_price = fields.Int(load_default=None, validate=validate.Range(0, ID_RANGE.max))
    max_price = fields.Int(load_default=None, validate=validate.Range(0, ID_RANGE.max))


class ProductsQuery(PagingQuery):
    craft = fields.Str(load_default="", validate=TEXT, metadata={"description": "Craft slug"})
    village = fields.Str(
        load_default="", validate=validate.Length(max=120), metadata={"description": "Slug"}
    )
    village_name = fields.Str(
        load_default="",
        validate=TEXT,
        metadata={"description": "Words of the village's name (diacritics ignored)"},
    )
    ocop = fields.Int(
        load_default=None,
        validate=validate.OneOf(OCOP_LEVELS),
        metadata={"description": "At least this many OCOP stars"},
    )
    min_price = fields.Int(load_default=None, validate=validate.Range(0, ID_RANGE.max))
    max_price = fields.Int(load_default=None, validate=validate.Range(0, ID_RANGE.max))


class SlotsQuery(QuerySchema):
    first = IsoDate(data_key="from", load_default=None, metadata={"description": "Default: today"})
    last = IsoDate(data_key="to", load_default=None, metadata={"description": "Default: from + 30"})


class ToursQuery(PagingQuery):
    per_page = fields.Int(load_default=50, validate=validate.Range(1, MAX_PER_PAGE))


class TokenQuery(QuerySchema):
    token = fields.Str(
        validate=validate.Length(max=200),
        metadata={"description": "The booking's manage token (from its manage_url)"},
    )


def load_query(schema: Schema) -> dict:
    """The validated query string, or Invalid (400) naming each bad parameter."""
    try:
        return schema.load(request.args)
    except ValidationError as error:
        raise Invalid(
            "invalid", "Some parameters are not valid.", flatten(error.messages)
        ) from None


def served_date(value: date | None, name: str) -> date | None:
    """A well-formed date outside the years the app serves is refused with 422."""
    if value is not None and not FIRST_DATE <= value <= LAST_DATE:
        raise Unprocessable(
            f"bad_{name}",
            f"{name} must be between {FIRST_DATE.year} and {LAST_DATE.year}.",
            {name: f"between {FIRST_DATE} and {LAST_DATE}"},
        )
    return value
