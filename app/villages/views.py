"""Handbook pages: the village list with search and filters, and one village's page."""

from flask import Blueprint, current_app, render_template, request, url_for

from app import maps
from app.experiences import cards
from app.experiences import services as experiences
from app.i18n import current_language
from app.requestargs import int_arg, village_filters
from app.villages import geojson, services, similar, wording

bp = Blueprint("villages", __name__, url_prefix="/villages")


@bp.get("/")
def index():
    filters = village_filters()
    page, meant, found = _search(filters)
    return render_template(
        "villages/index.html",
        page=page,
        filters=filters,
        meant=meant,
        meant_url=_search_url(meant) if meant else "",
        covers=cards.village_covers(page.items),
        prices=cards.cheapest_prices({village.id for village in page.items}),
        results=geojson.results_geojson(found),
        overview=_map_shell(),
        crafts=services.all_crafts(),
        districts=services.all_districts(),
        recognitions=_recognitions(),
    )


def _map_shell() -> maps.OverviewShell:
    """The overview map's shell (the same as the home page's), filled with the results."""
    key = ("overview-shell", current_language(), request.script_root)
    return maps.cached(key, maps.overview_shell)


def _recognitions() -> list[tuple[str, str]]:
    return [
        (key, wording.recognition_label(value)) for key, value in wording.RECOGNITION_KEYS.items()
    ]


def _search(filters: services.VillageFilters):
    """The page of villages matching exactly; when a search matches nothing, the villages
    that come close and what the visitor probably meant. Also what the results map shows."""
    per_page = int_arg("per_page", current_app.config["VILLAGES_PER_PAGE"])
    number = int_arg("page", 1)
    page = services.list_villages(filters, page=number, per_page=per_page)
    if not filters.q or page.total:
        return page, "", filters
    page, ids = similar.similar_villages(filters, number, per_page)
    return page, similar.meant(filters.q, page.items[0]) if page.items else "", ids


def _search_url(query: str) -> str:
    """This list with another search and every other filter kept (first page)."""
    args = {key: value for key, value in request.args.items() if key not in ("q", "page")}
    return url_for("villages.index", q=query, **args)


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
