"""The online showroom: /products/ with filters, and one product with where to buy it."""

from flask import Blueprint, current_app, render_template, request, url_for

from app.products import services
from app.requestargs import int_arg, product_filters
from app.villages.services import all_crafts

bp = Blueprint("products", __name__, url_prefix="/products")


@bp.get("/")
def index():
    filters = product_filters()
    per_page = int_arg("per_page", current_app.config["PRODUCTS_PER_PAGE"])
    page = services.list_products(filters, page=int_arg("page", 1), per_page=per_page)
    return render_template(
        "products/index.html",
        page=page,
        filters=filters,
        crafts=all_crafts(),
        village=services.village_named(filters.village),
        all_villages_url=url_for(
            "products.index",
            **{k: v for k, v in request.args.items() if k not in ("village", "page")},
        ),
        levels=services.OCOP_LEVELS,
    )


@bp.get("/<int:product_id>")
def detail(product_id: int):
    product = services.get_product(product_id)
    return render_template(
        "products/detail.html", product=product, more=services.sibling_products(product)
    )
