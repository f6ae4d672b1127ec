"""Handbook pages: the village list with search and filters, and one village's page."""

from flask import Blueprint, current_app, render_template

from app import maps
from app.experiences import cards
from app.experiences import services as experiences
from app.requestargs import int_arg, village_filters
from app.villages import services, wording

bp = Blueprint("villages", __name__, url_prefix="/villages")


@bp.get("/")
def index():
    filters = village_filters()
    per_page = int_arg("per_page", current_app.config["VILLAGES_PER_PAGE"])
    page = services.list_villages(filters, page=int_arg("page", 1), per_page=per_page)
    ids = {village.id for village in page.items}
    return render_template(
        "villages/index.html",
        page=page,
        covers=cards.village_covers(page.items),
        prices=cards.cheapest_prices(ids),
        filters=filters,
        crafts=services.all_crafts(),
        districts=services.all_districts(),
        recognitions=[
            (key, wording.recognition_label(value))
            for key, value in wording.RECOGNITION_KEYS.items()
        ],
    )


@bp.get("/<slug>")
def detail(slug: str):
    village = services.get_village(slug)
    village_map = maps.village_map(village) if village.has_point else None
    workshops = experiences.village_experiences(village.id)
    return render_template(
        "villages/detail.html",
        village=village,
        village_map=village_map,
        experiences=workshops,
        covers=cards.experience_covers(workshops),
        cover=cards.village_covers([village])[village.id],
        recognition_label=wording.recognition_label(village.recognition),
        recognition_reason=wording.recognition_reason(village.recognition),
        precision=wording.precision(village.coord_precision if village.has_point else ""),
    )
