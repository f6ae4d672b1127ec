"""Public workshop pages: the searchable Workshops list and one experience with its calendar."""

from datetime import date, timedelta

from flask import Blueprint, render_template

from app.errors import Invalid
from app.experiences import services
from app.experiences.rules import LANGUAGES
from app.requestargs import int_arg, str_arg
from app.timeutil import to_local, utcnow
from app.villages import services as villages

bp = Blueprint("experiences", __name__, url_prefix="/workshops")


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


def price_arg(name: str) -> int | None:
    raw = str_arg(name, limit=12)
    return None if raw == "" else int_arg(name, 0)


def filters_from_request() -> services.ExperienceFilters:
    language = str_arg("language", limit=5)
    if language and language not in LANGUAGES:
        raise Invalid("bad_language", "Unknown language.", {"language": "unknown language"})
    return services.ExperienceFilters(
        q=str_arg("q"),
        village=str_arg("village"),
        craft=str_arg("craft"),
        on=date_arg("date"),
        language=language,
        min_price=price_arg("min_price"),
        max_price=price_arg("max_price"),
    )


@bp.get("/")
def index():
    filters = filters_from_request()
    page = services.list_experiences(
        filters, page=int_arg("page", 1), per_page=int_arg("per_page", 12)
    )
    return render_template(
        "experiences/index.html",
        page=page,
        filters=filters,
        crafts=villages.all_crafts(),
        languages=LANGUAGES,
    )


@bp.get("/<int:experience_id>")
def detail(experience_id: int):
    experience = services.get_published(experience_id)
    now = utcnow()
    today = to_local(now).date()
    upcoming = services.slots_between(experience.id, today, today + timedelta(days=31), now=now)
    return render_template(
        "experiences/detail.html", experience=experience, upcoming=upcoming[:8], today=today
    )
