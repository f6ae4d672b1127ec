"""Reading query-string values, refusing bad ones with an error that names the field."""

from datetime import date

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


def date_arg(name: str) -> date | None:
    raw = str_arg(name, limit=10)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid(
            f"bad_{name}",
            f"{name} must be a date like 2026-12-05.",
            {name: "a date like 2026-12-05"},
        ) from None


def optional_int_arg(name: str) -> int | None:
    return None if request.args.get(name, "") == "" else int_arg(name, 0)


def village_filters():
    """The village list's filters, shared by the page and the API."""
    from app.villages.services import VillageFilters

    return VillageFilters(
        q=str_arg("q"),
        craft=str_arg("craft"),
        district=str_arg("district"),
        has_ocop=bool_arg("ocop"),
        has_workshops=bool_arg("workshops"),
    )


def experience_filters():
    """The Workshops list's filters, shared by the page and the API."""
    from app.experiences.rules import LANGUAGES
    from app.experiences.services import ExperienceFilters

    language = str_arg("language", limit=5)
    if language and language not in LANGUAGES:
        raise Invalid("bad_language", "Unknown language.", {"language": "unknown language"})
    return ExperienceFilters(
        q=str_arg("q"),
        village=str_arg("village"),
        craft=str_arg("craft"),
        on=date_arg("date"),
        language=language,
        min_price=optional_int_arg("min_price"),
        max_price=optional_int_arg("max_price"),
    )
