"""GET /api/v1/villages, /api/v1/villages.geojson and /api/v1/villages/<slug>."""

from flask import Response, jsonify, request

from app.api.blueprint import bp
from app.api.queries import GeoJsonQuery, VillagesQuery, load_query
from app.api.schemas import VillageDetailSchema, VillageListItemSchema
from app.villages import geojson, services


@bp.get("/villages")
def villages_index():
    args = load_query(VillagesQuery())
    filters = services.VillageFilters(
        q=args["q"].strip(),
        craft=args["craft"],
        district=args["district"].strip(),
        has_ocop=args["ocop"],
        has_workshops=args["workshops"],
        recognition=args["recognition"],
    )
    page = services.list_villages(filters, page=args["page"], per_page=args["per_page"])
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
    craft = load_query(GeoJsonQuery())["craft"]
    tag = geojson.etag(craft)
    if tag in request.if_none_match:
        response = Response(status=304)
    else:
        response = Response(geojson.villages_geojson(craft), mimetype="application/geo+json")
    response.set_etag(tag)
    response.cache_control.public = True
    response.cache_control.no_cache = True  # keep it, but ask (cheaply, by ETag) before use
    return response
