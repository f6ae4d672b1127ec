"""Marshmallow schemas: the shapes of API answers and request bodies (they feed openapi.json)."""

import math
import re

from marshmallow import Schema, ValidationError, fields, validate

from app.bookings.rules import MAX_PARTY
from app.timeutil import to_local

MAX_ID = 2**31 - 1  # ids and page numbers beyond this are nonsense (and overflow databases)
ID_RANGE = validate.Range(min=1, max=MAX_ID)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class IsoDate(fields.Date):
    """A date written YYYY-MM-DD and nothing else (ISO 8601's other spellings are refused)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        return super()._deserialize(value, attr, data, **kwargs)


class JsonInt(fields.Int):
    """A JSON integer: 3 or 3.0, never "3", 3.5 or true."""

    def _deserialize(self, value, attr, data, **kwargs):
        whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        if isinstance(value, bool) or not whole:
            raise self.make_error("invalid", input=value)
        return super()._deserialize(int(value), attr, data, **kwargs)


class JsonFloat(fields.Float):
    """A finite JSON number, never a string or a boolean."""

    def _deserialize(self, value, attr, data, **kwargs):
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not math.isfinite(value):
            raise self.make_error("invalid", input=value)
        return super()._deserialize(value, attr, data, **kwargs)


class JsonBool(fields.Bool):
    """true or false, never "yes" or 1."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def unique(values: list) -> None:
    if len(set(values)) != len(values):
        raise ValidationError("Each value at most once.")


class ProductSchema(Schema):
    id = fields.Int()
    name_vi = fields.Str()
    name_en = fields.Str()
    description_vi = fields.Str()
    description_en = fields.Str()
    photo_path = fields.Str()
    ocop_stars = fields.Int(allow_none=True)
    ocop_year = fields.Int(allow_none=True)
    price_vnd = fields.Int(allow_none=True)
    is_ip_protected = fields.Bool()


class VillageListItemSchema(Schema):
    id = fields.Int()
    slug = fields.Str()
    name_vi = fields.Str()
    name_en = fields.Str()
    craft = fields.Str(attribute="craft_label")
    district = fields.Str()
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    coord_precision = fields.Str()
    recognition = fields.Str()


class VillageDetailSchema(VillageListItemSchema):
    commune = fields.Str()
    commune_2025 = fields.Str()
    crafts = fields.Method("craft_slugs")
    products = fields.Method("product_names")
    products_vi = fields.Method("product_names_vi")
    recognition_source = fields.Str()
    product_list = fields.List(fields.Nested(ProductSchema), attribute="products")
    description_en = fields.Str()
    description_vi = fields.Str()
    history_en = fields.Str()
    history_vi = fields.Str()
    coord_source = fields.Str()
    is_approximate = fields.Bool()
    recognition_status = fields.Str()
    opening_hours = fields.Str()
    contact_phone = fields.Str()
    contact_email = fields.Str()
    address = fields.Str()
    video_url = fields.Str()
    website_url = fields.Str()
    shop_url = fields.Str()
    showroom_url = fields.Str()
    experiences = fields.Method("published_experiences")

    def published_experiences(self, village) -> list[dict]:
        from app.experiences.services import village_experiences

        return ExperienceSchema(many=True).dump(village_experiences(village.id))

    def craft_slugs(self, village) -> list[str]:
        return [craft.slug for craft in village.crafts]

    def product_names(self, village) -> str:
        """The `products` column of the data file: names joined by '; '."""
        return "; ".join(product.name_en for product in village.products)

    def product_names_vi(self, village) -> str:
        """The `products_vi` column: the same products' Vietnamese names, in the same order."""
        return "; ".join(product.name_vi or product.name_en for product in village.products)


class ErrorDetailSchema(Schema):
    code = fields.Str(required=True)
    message = fields.Str(required=True)
    fields = fields.Dict(keys=fields.Str(), values=fields.Str())


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


class LocalDateTime(fields.DateTime):
    """An aware instant written as Hanoi local time with its offset (2026-12-05T09:00:00+07:00)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else to_local(value).isoformat()


class SlotSchema(Schema):
    id = fields.Int()
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    capacity = fields.Int()
    remaining = fields.Int()


class ExperienceSchema(Schema):
    id = fields.Int()
    slug = fields.Str()
    village = fields.Function(lambda experience: experience.village.slug)
    craft = fields.Function(lambda experience: experience.craft.slug if experience.craft else None)
    title_vi = fields.Str()
    title_en = fields.Str()
    description_vi = fields.Str()
    description_en = fields.Str()
    included_vi = fields.Str()
    included_en = fields.Str()
    duration_minutes = fields.Int()
    price_adult_vnd = fields.Int()
    price_child_vnd = fields.Int()
    min_party = fields.Int()
    max_party = fields.Int()
    languages = fields.Function(lambda experience: experience.language_list)
    meeting_point = fields.Function(lambda experience: experience.meeting_point_or_village)
    confirmation_mode = fields.Str()
    cutoff_hours = fields.Int()


class ContactSchema(Schema):
    name = fields.Str(required=True, validate=validate.Length(min=1, max=120))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    phone = fields.Str(
        required=True, validate=[validate.Length(min=6, max=40), validate.Regexp(r"^[0-9 +().-]+$")]
    )


class BookingCreateSchema(Schema):
    """Either `slot_ids` (one to ten slots, all or nothing) or a `departure_id`; at most
    MAX_PARTY people in all (adults + children), at least one adult."""

    slot_ids = fields.List(
        JsonInt(validate=ID_RANGE),
        load_default=list,
        validate=[validate.Length(max=10), unique],
        metadata={"uniqueItems": True},
    )
    departure_id = JsonInt(load_default=None, allow_none=True, validate=ID_RANGE)
    adults = JsonInt(required=True, validate=validate.Range(1, MAX_PARTY))
    children = JsonInt(load_default=0, validate=validate.Range(0, MAX_PARTY - 1))
    contact = fields.Nested(ContactSchema, required=True)
    note = fields.Str(load_default="", validate=validate.Length(max=1000))
    language = fields.Str(load_default="", validate=validate.OneOf(["", "vi", "en"]))


class BookingItemSchema(Schema):
    id = fields.Int()
    slot_id = fields.Int(allow_none=True)
    departure_id = fields.Int(allow_none=True)
    experience_id = fields.Function(lambda item: item.slot.experience_id if item.slot else None)
    title_en = fields.Function(lambda item: item.activity.title_en if item.activity else "")
    title_vi = fields.Function(lambda item: item.activity.title_vi if item.activity else "")
    starts_at = LocalDateTime(attribute="when", allow_none=True)
    meeting_point = fields.Function(
        lambda item: item.activity.meeting_point_or_village if item.activity else ""
    )
    status = fields.Str()
    places = fields.Int()
    price_vnd = fields.Int()
    hold_expires_at = LocalDateTime(allow_none=True)


class BookingEventSchema(Schema):
    at = LocalDateTime(attribute="created_at")
    actor = fields.Str(attribute="actor_label")
    from_status = fields.Str()
    to_status = fields.Str()
    note = fields.Str()


STATUSES = ("pending", "confirmed", "completed", "declined", "expired", "cancelled")


class BookingSchema(Schema):
    reference = fields.Str()
    status = fields.Method("overall_status", metadata={"type": "string", "enum": list(STATUSES)})
    adults = fields.Int()
    children = fields.Int()
    contact = fields.Function(
        lambda booking: {
            "name": booking.contact_name,
            "email": booking.contact_email,
            "phone": booking.contact_phone,
        },
        metadata={
            "type": "object",
            "properties": {name: {"type": "string"} for name in ("name", "email", "phone")},
        },
    )
    note = fields.Str()
    total_vnd = fields.Int()
    items = fields.List(fields.Nested(BookingItemSchema), attribute="items_in_time_order")
    history = fields.List(fields.Nested(BookingEventSchema), attribute="events")
    manage_url = fields.Str(
        metadata={"format": "uri", "description": "The guest's page: see, cancel or move"}
    )

    def overall_status(self, booking) -> str:
        statuses = {item.status for item in booking.items}
        for status in STATUSES[:-1]:
            if status in statuses:
                return status
        return "cancelled"


# --- POST /plan -------------------------------------------------------------------------------

CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$"


class PointSchema(Schema):
    lat = JsonFloat(required=True, validate=validate.Range(-90, 90))
    lon = JsonFloat(required=True, validate=validate.Range(-180, 180))


class PlanRequestSchema(Schema):
    """The body of POST /plan (SPEC §3), plus optional `children`, `villages`, `pinned_villages`."""

    date = IsoDate(required=True)
    start = fields.Nested(PointSchema, required=True)
    end = fields.Nested(PointSchema, allow_none=True, load_default=None)
    day_start = fields.Str(load_default="08:00", validate=validate.Regexp(CLOCK, error="HH:MM"))
    day_end = fields.Str(load_default="18:00", validate=validate.Regexp(CLOCK, error="HH:MM"))
    mode = fields.Str(load_default="car", validate=validate.OneOf(["car", "motorbike", "bicycle"]))
    party = JsonInt(required=True, validate=validate.Range(min=1, max=MAX_PARTY))
    children = JsonInt(load_default=0, validate=validate.Range(min=0, max=MAX_PARTY - 1))
    crafts = fields.List(fields.Str(validate=validate.Length(max=80)), load_default=list)
    experience_ids = fields.List(JsonInt(validate=ID_RANGE), load_default=list)
    pinned = fields.List(
        JsonInt(validate=ID_RANGE), load_default=list, metadata={"description": "Experience ids"}
    )
    villages = fields.List(fields.Str(validate=validate.Length(max=120)), load_default=list)
    pinned_villages = fields.List(fields.Str(validate=validate.Length(max=120)), load_default=list)
    max_stops = JsonInt(load_default=None, allow_none=True, validate=validate.Range(1, 10))
    lunch = JsonBool(load_default=False)


class PlanStopSchema(Schema):
    number = fields.Int()
    kind = fields.Str(metadata={"enum": ["experience", "village", "lunch"]})
    village = fields.Str(allow_none=True)
    experience_id = fields.Int(allow_none=True)
    slot_id = fields.Int(allow_none=True)
    lat = fields.Float()
    lon = fields.Float()
    arrive = fields.Str(metadata={"description": "Local time with offset"})
    start = fields.Str()
    end = fields.Str()
    depart = fields.Str()
    price_vnd = fields.Int()
    is_approximate = fields.Bool(
        metadata={"description": "The point is only the commune's: the leg to it has a buffer"}
    )
    buffer_minutes = fields.Int(metadata={"description": "Minutes added to find the village"})


class PlanLegSchema(Schema):
    km = fields.Float()
    minutes = fields.Int()


class PlanTotalsSchema(Schema):
    km = fields.Float()
    travel_minutes = fields.Int()
    price_vnd = fields.Int()
    score = fields.Float()


class PlanUnplacedSchema(Schema):
    id = fields.Raw(
        metadata={
            "description": "Experience id, village slug, craft slug or lunch; `workshops` (kind "
            "`notice`, code `workshops_open_until`) when the date is past the last day any "
            "workshop is open for booking, so the day has village walks only"
        }
    )
    kind = fields.Str(metadata={"enum": ["experience", "village", "lunch", "craft", "notice"]})
    code = fields.Str()
    reason = fields.Str()


class PlanResultSchema(Schema):
    stops = fields.List(fields.Nested(PlanStopSchema))
    legs = fields.List(fields.Nested(PlanLegSchema))
    totals = fields.Nested(PlanTotalsSchema)
    unplaced = fields.List(fields.Nested(PlanUnplacedSchema))
