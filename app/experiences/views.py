"""Public workshop pages: the searchable Workshops list and one experience with its calendar."""

from dataclasses import replace
from datetime import timedelta

from flask import Blueprint, render_template

from app.experiences import cards, services
from app.experiences.models import Experience
from app.experiences.rules import LANGUAGES
from app.requestargs import experience_filters, int_arg
from app.timeutil import to_local, utcnow
from app.villages import services as villages
from app.villages import similar

bp = Blueprint("experiences", __name__, url_prefix="/workshops")


@bp.get("/")
def index():
    filters = experience_filters()
    number, per_page = int_arg("page", 1), int_arg("per_page", 12)
    page = services.list_experiences(filters, page=number, per_page=per_page)
    meant = similar.closest_name(filters.q) if filters.q and not page.total else ""
    if meant:  # nothing matched what was typed: show the workshops of the village meant
        page = services.list_experiences(replace(filters, q=meant), number, per_page)
    return render_template(
        "experiences/index.html",
        page=page,
        meant=meant if page.total else "",
        covers=cards.experience_covers(page.items),
        filters=filters,
        crafts=villages.all_crafts(),
        languages=LANGUAGES,
    )


@bp.get("/<int:experience_id>")
def detail(experience_id: int):
    experience = services.get_published(experience_id)
    now = utcnow()
    today = to_local(now).date()
    next_open = services.next_open_date(Experience.id == experience.id, now)
    first = next_open or today
    upcoming = services.bookable_slots(experience, first, first + timedelta(days=31), now)
    return render_template(
        "experiences/detail.html",
        experience=experience,
        photos=cards.gallery(experience),
        cover=cards.experience_cover(experience),
        upcoming=upcoming[:8],
        today=today,
        next_open=next_open,
    )
