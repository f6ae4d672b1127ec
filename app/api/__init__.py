"""JSON API v1 (SPEC §3): `blueprint.bp`, one module per resource, schemas, the OpenAPI doc."""
