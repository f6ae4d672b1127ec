"""Marshmallow schemas: the shapes of API answers and request bodies (they feed openapi.json)."""

from marshmallow import Schema, fields


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
    experiences = fields.Constant([])  # TODO(issue 4): the village's published experiences

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
