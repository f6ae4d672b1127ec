"""Reading query-string values, refusing bad ones with an error that names the field."""

from flask import request

from app.errors import Invalid


def int_arg(name: str, default: int) -> int:
    raw = request.args.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise Invalid(
            f"bad_{name}", f"{name} must be a whole number.", {name: "must be a whole number"}
        ) from None


def bool_arg(name: str) -> bool:
    return request.args.get(name, "").lower() in {"1", "true", "yes", "on"}


def str_arg(name: str, limit: int = 100) -> str:
    value = request.args.get(name, "").strip()
    if len(value) > limit:
        raise Invalid(
            f"bad_{name}",
            f"{name} is longer than {limit} characters.",
            {name: f"at most {limit} characters"},
        )
    return value
