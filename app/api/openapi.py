"""GET /api/v1/openapi.json: the API described from the same marshmallow schemas that read its
requests (app.api.queries, the request bodies in app.api.schemas) and shape its answers, so the
document cannot promise what the code refuses. `tests/api/test_schemathesis.py` holds them to it.

Status codes: 400 is a request that breaks this document (or carries a NUL character); 422 a
well-formed one that breaks a rule a schema cannot state (a past date, `to` before `from`,
more than 50 people in all); 404 an unknown resource; 409 no room or a state conflict.
No text may contain a NUL character (U+0000) or broken Unicode: such a request gets a 400."""

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify

from app.api import bookings, plan, products, queries, schemas, tours
from app.api.blueprint import bp
from app.api.schemas import MAX_ID
from app.villages import services as villages

ERRORS = {
    "400": "Malformed: a parameter or field breaks this document, or holds a NUL character "
    "(`fields` names it)",
    "401": "The booking's token is missing",
    "404": "No such resource",
    "409": "No room on a slot or departure, or the booking's state does not allow it; "
    "nothing is held",
    "429": "Too many requests from this address",
}
COMPONENTS = {
    "Error": schemas.ErrorSchema,
    "VillageListItem": schemas.VillageListItemSchema,
    "Village": schemas.VillageDetailSchema,
    "Experience": schemas.ExperienceSchema,
    "Slot": schemas.SlotSchema,
    "BookingCreate": schemas.BookingCreateSchema,
    "Booking": schemas.BookingSchema,
    "PlanRequest": schemas.PlanRequestSchema,
    "PlanResult": schemas.PlanResultSchema,
    "Tour": tours.TourSchema,
    "Departure": tours.DepartureSchema,
    "CatalogueProduct": products.CatalogueProductSchema,
}
#: Operations whose `craft` filter takes only the crafts there are (an unknown one is a 400).
CRAFT_FILTERS = ("/villages", "/villages.geojson", "/products")


def build_spec() -> dict:
    spec = APISpec(
        title="Làng Nghề API",
        version="1.0.0",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        servers=[{"url": "/api/v1"}],
        info={"description": __doc__.split("\n\n", 1)[1]},
    )
    for name, schema in COMPONENTS.items():
        spec.components.schema(name, schema=schema)
    for path, operations in paths().items():
        spec.path(path=path, operations=operations)
    document = spec.to_dict()
    crafts = ["", *villages.craft_slugs()]
    for path in CRAFT_FILTERS:
        parameters = document["paths"][path]["get"]["parameters"]
        craft = next(parameter for parameter in parameters if parameter["name"] == "craft")
        craft["schema"]["enum"] = crafts
        craft["description"] = "Craft slug (empty: any craft)"
    return document


def paths() -> dict[str, dict]:
    return {
        "/villages": {
            "get": operation(
                "Published villages, by Vietnamese name",
                params=[{"in": "query", "schema": queries.VillagesQuery}],
                ok=json(page_of("VillageListItem", "page", "per_page", "pages")),
            )
        },
        "/villages.geojson": {"get": _villages_geojson()},
        "/products": {
            "get": operation(
                "Products across published villages (rated ones first)",
                params=[{"in": "query", "schema": queries.ProductsQuery}],
                ok=json(page_of("CatalogueProduct", "page", "per_page", "pages")),
                unprocessable="`min_price` above `max_price`",
            )
        },
        "/villages/{slug}": {
            "get": operation(
                "One published village with its products and workshops",
                params=[path_param("slug", "string")],
                ok=json("Village"),
                errors=("404",),
            )
        },
        "/experiences": {
            "get": operation(
                "Published workshops, cheapest first",
                params=[{"in": "query", "schema": queries.ExperiencesQuery}],
                ok=json(page_of("Experience", "page", "per_page")),
                unprocessable="`date` outside the years served",
            )
        },
        "/experiences/{experience_id}/slots": {
            "get": operation(
                "Bookable slots with remaining places (Hanoi dates, inclusive)",
                params=[
                    path_param("experience_id", "integer"),
                    {"in": "query", "schema": queries.SlotsQuery},
                ],  # fmt: skip
                ok=json(array_of("Slot")),
                errors=("404",),
                unprocessable="`to` before `from`, more than 93 days apart, or a date outside "
                "the years served",
            )
        },
        "/plan": {"post": plan.OPERATIONS["post"]},
        "/bookings": {"post": _bookings_create()},
        "/bookings/{reference}": {"get": _booking_operation("A booking, by its manage token")},
        "/bookings/{reference}/cancel": {
            "post": _booking_operation("Cancel every live item (before the cut-off)", "409")
        },
        "/tours": {
            "get": operation(
                "Published tours",
                params=[{"in": "query", "schema": queries.ToursQuery}],
                ok=json(page_of("Tour")),
            )
        },
        "/tours/{tour_id}/departures": {
            "get": operation(
                "Upcoming departures with remaining seats",
                params=[path_param("tour_id", "integer")],
                ok=json(array_of("Departure")),
                errors=("404",),
            )
        },
    }


def _villages_geojson() -> dict:
    result = operation(
        "Mapped villages as a GeoJSON FeatureCollection (the overview map's data); answers "
        "304 to a matching If-None-Match",
        params=[{"in": "query", "schema": queries.GeoJsonQuery}],
        ok={
            "description": "Point features with slug, name_vi, name_en, crafts, approximate and "
            "url; `crafts` at the top names each craft in vi and en",
            "content": {"application/geo+json": {"schema": {"type": "object"}}},
        },
    )
    result["responses"]["304"] = {"description": "Not modified since the ETag given"}
    return result


def _bookings_create() -> dict:
    result = operation(
        "Hold places on slots (all or nothing) or seats on a departure",
        params=[
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": False,
                "schema": {"type": "string", "maxLength": bookings.MAX_KEY},
                "description": "A retry with the same key answers the first booking",
            },
        ],  # fmt: skip
        ok=json("Booking", "Created"),
        errors=("409", "429"),
        unprocessable="Well-formed but against the booking rules: more than 50 people in all, "
        "no slot and no departure, slots together with a departure, an unknown slot or "
        "departure, a party size the workshop does not take",
        status="201",
    )
    result["requestBody"] = {"required": True, "content": {"application/json": {
        "schema": "BookingCreate"}}}  # fmt: skip
    result["responses"]["200"] = json("Booking", "A retry with the same Idempotency-Key")
    return result


def _booking_operation(summary: str, *errors: str) -> dict:
    return operation(
        summary,
        params=[
            path_param("reference", "string"),
            {"in": "query", "schema": queries.TokenQuery},
        ],  # fmt: skip
        ok=json("Booking"),
        errors=("401", "404", *errors),
    )


def operation(summary: str, *, params: list, ok: dict, errors=(), unprocessable="", status="200"):
    """One operation: its parameters, its answer and every error status it can give."""
    responses = {status: ok, "400": json("Error", ERRORS["400"])}
    responses.update({code: json("Error", ERRORS[code]) for code in errors})
    if unprocessable:
        responses["422"] = json("Error", unprocessable)
    return {"summary": summary, "parameters": list(params), "responses": responses}


def path_param(name: str, kind: str) -> dict:
    schema = {"type": kind, "minimum": 1, "maximum": MAX_ID} if kind == "integer" else {
        "type": kind}  # fmt: skip
    return {"in": "path", "name": name, "required": True, "schema": schema}


def json(schema, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def array_of(name: str) -> dict:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}


def page_of(name: str, *numbers: str) -> dict:
    """A page of a list: its items, how many match in all, and the paging numbers given."""
    fields = ("items", "total", *numbers)
    properties = {"items": array_of(name), **{number: {"type": "integer"} for number in fields[1:]}}
    return {"type": "object", "properties": properties, "required": list(fields),
            "additionalProperties": False}  # fmt: skip


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(build_spec())
