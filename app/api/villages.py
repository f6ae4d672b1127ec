"""GET /api/v1/villages, /api/v1/villages.geojson and /api/v1/villages/<slug>."""

from flask import Response, jsonify, request

from app.api.blueprint import bp
from app.api.schemas import VillageDetailSchema, VillageListItemSchema
from app.requestargs import int_arg, str_arg, village_filters
from app.villages import geojson, services


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


@bp.get("/villages.geojson")
def villages_geojson():
    """Every mapped village (or one craft's) as GeoJSON; 304 when the browser's copy is current."""
    craft = str_arg("craft")
    tag = geojson.etag(craft)
    if tag in request.if_none_match:
        response = Response(status=304)
    else:
        response = Response(geojson.villages_geojson(craft), mimetype="application/geo+json")
    response.set_etag(tag)
    response.cache_control.public = True
    response.cache_control.no_cache = True  # keep it, but ask (cheaply, by ETag) before use
    return response
