"""GET /api/v1/villages and /api/v1/villages/<slug>."""

from flask import jsonify

from app.api.blueprint import bp
from app.api.schemas import VillageDetailSchema, VillageListItemSchema
from app.requestargs import int_arg, village_filters
from app.villages import services


@bp.get("/villages")
def villages_index():
    filters = village_filters()
    page = services.list_villages(
        filters, page=int_arg("page", 1), per_page=int_arg("per_page", 20)
    )
    return jsonify(
        {
            "items": VillageListItemSchema(many=True).dump(page.items),
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
            "pages": page.pages,
        }
    )


@bp.get("/villages/<slug>")
def villages_detail(slug: str):
    return jsonify(VillageDetailSchema().dump(services.get_village(slug)))
