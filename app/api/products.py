"""GET /api/v1/products: the catalogue across villages (SPEC §3)."""

from flask import jsonify
from marshmallow import fields

from app.api.blueprint import bp
from app.api.queries import ProductsQuery, load_query
from app.api.schemas import ProductSchema
from app.errors import Unprocessable
from app.products import services


class CatalogueProductSchema(ProductSchema):
    village = fields.Function(lambda product: product.village.slug)
    village_name_vi = fields.Function(lambda product: product.village.name_vi)
    village_name_en = fields.Function(lambda product: product.village.name_en)
    crafts = fields.Function(lambda product: [craft.slug for craft in product.village.crafts])


@bp.get("/products")
def products_index():
    args = load_query(ProductsQuery())
    if None not in (args["min_price"], args["max_price"]) and args["min_price"] > args["max_price"]:
        raise Unprocessable(
            "bad_price_range", "min_price is above max_price.", {"min_price": "<= max_price"}
        )
    filters = services.ProductFilters(
        craft=args["craft"],
        village=args["village"].strip(),
        village_name=args["village_name"].strip(),
        ocop=args["ocop"],
        min_price=args["min_price"],
        max_price=args["max_price"],
    )
    page = services.list_products(filters, page=args["page"], per_page=args["per_page"])
    return jsonify(
        {
            "items": CatalogueProductSchema(many=True).dump(page.items),
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
            "pages": page.pages,
        }
    )
