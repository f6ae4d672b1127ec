"""GET /api/v1/openapi.json: the API described from the same schemas the answers use."""

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify

from app.api import plan, schemas
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
    return spec.to_dict()


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(build_spec())
