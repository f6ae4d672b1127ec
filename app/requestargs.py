"""Reading query-string values, refusing bad ones with an error that names the field."""

from datetime import date

from flask import request
from werkzeug.routing import IntegerConverter

from app.errors import Invalid

MAX_INT = 2**31 - 1
#: Dates anyone could mean; outside them date arithmetic would overflow.
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2100, 12, 31)


def int_arg(name: str, default: int) -> int:
    raw = request.args.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Invalid(
            f"bad_{name}", f"{name} must be a whole number.", {name: "must be a whole number"}
        ) from None
    if abs(value) > MAX_INT:
        raise Invalid(f"bad_{name}", f"{name} is too large.", {name: "too large"})
    return value


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
        value = date.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or not FIRST_DATE <= value <= LAST_DATE:
        raise Invalid(
            f"bad_{name}",
            f"{name} must be a date like 2026-12-05, between {FIRST_DATE.year} and "
            f"{LAST_DATE.year}.",
            {name: "a date like 2026-12-05"},
        )
    return value


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
        recognition=str_arg("recognition", limit=20),
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


class BoundedIntConverter(IntegerConverter):
    """`<int:id>` in URLs, but ids past what a database column holds are simply not found."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_INT)
        super().__init__(url_map, *args, **kwargs)


def bounded_int(value) -> int:
    """A form's integer choice; anything not a sane id becomes 0 ("none chosen")."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 <= number <= MAX_INT else 0


def product_filters():
    """The catalogue's filters, shared by the page and the API."""
    from app.products.services import ProductFilters

    return ProductFilters(
        craft=str_arg("craft"),
        village=str_arg("village", limit=120),
        village_name=str_arg("village_name"),
        ocop=optional_int_arg("ocop"),
        min_price=optional_int_arg("min_price"),
        max_price=optional_int_arg("max_price"),
    )
