"""Reading a JSON request body through a marshmallow schema, errors naming each field."""

from flask import request
from marshmallow import Schema, ValidationError

from app.errors import Invalid


def load_json(schema: Schema) -> dict:
    """The validated body, or Invalid (400) with fields like {"contact.email": "…"}."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise Invalid("bad_json", "The body must be a JSON object.", {"body": "a JSON object"})
    try:
        return schema.load(payload)
    except ValidationError as error:
        raise Invalid("invalid", "Some fields are not valid.", flatten(error.messages)) from None


def flatten(messages: dict, prefix: str = "") -> dict[str, str]:
    """marshmallow's nested messages -> one message per dotted field name."""
    flat: dict[str, str] = {}
    for name, value in messages.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{key}."))
        else:
            flat[key] = " ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return flat
