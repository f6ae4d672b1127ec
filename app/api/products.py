"""GET /api/v1/products: the catalogue across villages (SPEC §3)."""

from flask import jsonify
from marshmallow import fields

from app.api.blueprint import bp
from app.api.schemas import ProductSchema
from app.products import services
from app.requestargs import int_arg, product_filters


class CatalogueProductSchema(ProductSchema):
    village = fields.Function(lambda product: product.village.slug)
    village_name_vi = fields.Function(lambda product: product.village.name_vi)
    village_name_en = fields.Function(lambda product: product.village.name_en)
    crafts = fields.Function(lambda product: [craft.slug for craft in product.village.crafts])


@bp.get("/products")
def products_index():
    page = services.list_products(
        product_filters(), page=int_arg("page", 1), per_page=int_arg("per_page", 20)
    )
    return jsonify(
        {
            "items": CatalogueProductSchema(many=True).dump(page.items),
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
            "pages": page.pages,
        }
    )
