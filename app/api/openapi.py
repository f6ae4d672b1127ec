"""GET /api/v1/openapi.json: the API described from the same schemas the answers use."""

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify

from app.api import plan, products, schemas, tours
from app.api.blueprint import bp

LIST_PARAMS = [
    {
        "in": "query",
        "name": "q",
        "schema": {"type": "string"},
        "description": "Search words; diacritics and case are ignored",
    },
    {"in": "query", "name": "craft", "schema": {"type": "string"}, "description": "Craft slug"},
    {"in": "query", "name": "district", "schema": {"type": "string"}},
    {
        "in": "query",
        "name": "ocop",
        "schema": {"type": "boolean"},
        "description": "Only villages with OCOP-rated products",
    },
    {
        "in": "query",
        "name": "recognition",
        "schema": {
            "type": "string",
            "enum": ["lntt", "ln", "ln-ha-tay", "ntt", "heritage", "press", "none"],
        },
        "description": "The title a village holds (none: not researched yet)",
    },
    {"in": "query", "name": "page", "schema": {"type": "integer", "minimum": 1}},
    {
        "in": "query",
        "name": "per_page",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
    },
]
ERRORS = {
    code: {"description": text, "content": {"application/json": {"schema": "Error"}}}
    for code, text in [("400", "Bad input"), ("404", "Not found")]
}


def build_spec() -> dict:
    spec = APISpec(
        title="Làng Nghề API",
        version="1.0.0",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        servers=[{"url": "/api/v1"}],
    )
    spec.components.schema("Error", schema=schemas.ErrorSchema)
    spec.components.schema("VillageListItem", schema=schemas.VillageListItemSchema)
    spec.components.schema("Village", schema=schemas.VillageDetailSchema)
    spec.components.schema("PlanRequest", schema=schemas.PlanRequestSchema)
    spec.components.schema("PlanResult", schema=schemas.PlanResultSchema)
    spec.path(path="/plan", operations=plan.OPERATIONS)
    spec.path(
        path="/villages",
        operations={
            "get": {
                "summary": "List published villages",
                "parameters": LIST_PARAMS,
                "responses": {
                    "200": {
                        "description": "A page of villages",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "items": {
                                            "type": "array",
                                            "items": {
                                                "$ref": "#/components/schemas/VillageListItem"
                                            },
                                        },
                                        "total": {"type": "integer"},
                                    },
                                }
                            }
                        },
                    },
                    **ERRORS,
                },
            }
        },
    )
    spec.path(
        path="/villages/{slug}",
        operations={
            "get": {
                "summary": "One village with its products",
                "parameters": [
                    {"in": "path", "name": "slug", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "The village",
                        "content": {"application/json": {"schema": "Village"}},
                    },
                    **ERRORS,
                },
            }
        },
    )
    _add_workshops_bookings_tours(spec)
    _add_products(spec)
    _add_geojson(spec)
    return spec.to_dict()


def _add_geojson(spec: APISpec) -> None:
    spec.path(
        path="/villages.geojson",
        operations={
            "get": {
                "summary": "Mapped villages as a GeoJSON FeatureCollection (the overview map's "
                "data); answers 304 to a matching If-None-Match",
                "parameters": [{**_param("craft"), "description": "Craft slug"}],
                "responses": {
                    "200": {
                        "description": "Point features with slug, name_vi, name_en, crafts, "
                        "approximate and url; `crafts` at the top names each craft in vi and en",
                        "content": {"application/geo+json": {"schema": {"type": "object"}}},
                    },
                    "304": {"description": "Not modified since the ETag given"},
                    **_errors("400"),
                },
            }
        },
    )


def _add_products(spec: APISpec) -> None:
    spec.components.schema("CatalogueProduct", schema=products.CatalogueProductSchema)
    items = {"type": "array", "items": {"$ref": "#/components/schemas/CatalogueProduct"}}
    page = {"type": "object", "properties": {"items": items, "total": {"type": "integer"}}}
    spec.path(
        path="/products",
        operations={
            "get": {
                "summary": "Products across published villages (rated ones first)",
                "parameters": _product_params(),
                "responses": {"200": _json(page), **_errors("400")},
            }
        },
    )


def _product_params() -> list[dict]:
    return [
        {**_param("craft"), "description": "Craft slug"},
        {**_param("village"), "description": "Village slug"},
        {**_param("village_name"),
         "description": "Words of the village's name (diacritics ignored)"},
        {**_param("ocop", kind="integer", minimum=3, maximum=5),
         "description": "At least this many OCOP stars"},
        _param("min_price", kind="integer", minimum=0),
        _param("max_price", kind="integer", minimum=0),
        _param("page", kind="integer", minimum=1),
        _param("per_page", kind="integer", minimum=1, maximum=100),
    ]  # fmt: skip


def _param(name: str, where: str = "query", kind: str = "string", **extra) -> dict:
    return {
        "in": where,
        "name": name,
        "required": where == "path",
        "schema": {"type": kind, **extra},
    }


def _json(schema, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict:
    texts = {
        "400": "Bad input (the fields are named)",
        "401": "Token missing",
        "404": "Not found",
        "409": "No room, or a state conflict (nothing is held)",
        "429": "Too many requests",
    }
    return {code: _json("Error", texts[code]) for code in codes}


def _add_workshops_bookings_tours(spec: APISpec) -> None:
    """Workshops and slots, bookings, and tours with their departures."""
    for name, schema in [
        ("Experience", schemas.ExperienceSchema),
        ("Slot", schemas.SlotSchema),
        ("BookingCreate", schemas.BookingCreateSchema),
        ("Booking", schemas.BookingSchema),
        ("Tour", tours.TourSchema),
        ("Departure", tours.DepartureSchema),
    ]:
        spec.components.schema(name, schema=schema)
    array = lambda ref: {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}}  # noqa: E731
    spec.path(
        path="/experiences",
        operations={
            "get": {
                "summary": "Published workshops",
                "parameters": [_param(name) for name in ("q", "village", "craft", "language")]
                + [
                    _param("date", format="date"),
                    _param("min_price", kind="integer"),
                    _param("max_price", kind="integer"),
                    _param("page", kind="integer"),
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {
                                "items": array("Experience"),
                                "total": {"type": "integer"},
                            },
                        }
                    ),
                    **_errors("400"),
                },
            }
        },
    )
    spec.path(
        path="/experiences/{experience_id}/slots",
        operations={
            "get": {
                "summary": "Open slots with remaining places (Hanoi dates, inclusive)",
                "parameters": [
                    _param("experience_id", "path", "integer"),
                    _param("from", format="date"),
                    _param("to", format="date"),
                ],
                "responses": {"200": _json(array("Slot")), **_errors("400", "404")},
            }
        },
    )
    spec.path(
        path="/bookings",
        operations={
            "post": {
                "summary": "Hold places on slots (all or nothing) or seats on a departure",
                "parameters": [
                    {
                        "in": "header",
                        "name": "Idempotency-Key",
                        "required": False,
                        "schema": {"type": "string", "maxLength": 100},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "BookingCreate"}},
                },
                "responses": {
                    "201": _json("Booking", "Created"),
                    "200": _json("Booking", "A retry with the same Idempotency-Key"),
                    **_errors("400", "409", "429"),
                },
            }
        },
    )
    token = _param("token")
    spec.path(
        path="/bookings/{reference}",
        operations={
            "get": {
                "summary": "A booking, with its manage token",
                "parameters": [_param("reference", "path"), token],
                "responses": {"200": _json("Booking"), **_errors("401", "404")},
            }
        },
    )
    spec.path(
        path="/bookings/{reference}/cancel",
        operations={
            "post": {
                "summary": "Cancel every live item (before the cut-off)",
                "parameters": [_param("reference", "path"), token],
                "responses": {"200": _json("Booking"), **_errors("401", "404", "409")},
            }
        },
    )
    spec.path(
        path="/tours",
        operations={
            "get": {
                "summary": "Published tours",
                "parameters": [_param("page", kind="integer")],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {"items": array("Tour"), "total": {"type": "integer"}},
                        }
                    )
                },
            }
        },
    )
    spec.path(
        path="/tours/{tour_id}/departures",
        operations={
            "get": {
                "summary": "Upcoming departures with remaining seats",
                "parameters": [_param("tour_id", "path", "integer")],
                "responses": {"200": _json(array("Departure")), **_errors("404")},
            }
        },
    )


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(build_spec())
