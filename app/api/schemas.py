"""Marshmallow schemas: the shapes of API answers and request bodies (they feed openapi.json)."""

from marshmallow import Schema, fields

from app.timeutil import to_local


class ProductSchema(Schema):
    id = fields.Int()
    name_vi = fields.Str()
    name_en = fields.Str()
    description_vi = fields.Str()
    description_en = fields.Str()
    photo_path = fields.Str()
    ocop_stars = fields.Int(allow_none=True)
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


class VillageDetailSchema(VillageListItemSchema):
    commune = fields.Str()
    crafts = fields.Method("craft_slugs")
    products = fields.Method("product_names")
    product_list = fields.List(fields.Nested(ProductSchema), attribute="products")
    description_en = fields.Str()
    description_vi = fields.Str()
    history_en = fields.Str()
    history_vi = fields.Str()
    coord_source = fields.Str()
    coord_precision = fields.Str()
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
