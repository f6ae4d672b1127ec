"""Reading the handbook: filtered, paginated village lists, one village, map points."""

from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app.errors import Invalid, NotFound
from app.extensions import db
from app.villages.models import Craft, Product, Village, village_crafts
from app.villages.search import query_terms
from app.villages.wording import RECOGNITION_KEYS

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class VillageFilters:
    """What a visitor narrowed the list by; empty values mean "any"."""

    q: str = ""
    craft: str = ""
    district: str = ""
    has_ocop: bool = False
    has_workshops: bool = False
    recognition: str = ""  # a key of wording.RECOGNITION_KEYS


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, -(-self.total // self.per_page))


def check_paging(page: int, per_page: int) -> None:
    """Refuse page numbers and sizes no one could mean, naming the field."""
    if page < 1:
        raise Invalid("bad_page", "page must be 1 or more.", {"page": "must be 1 or more"})
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise Invalid(
            "bad_per_page",
            f"per_page must be between 1 and {MAX_PER_PAGE}.",
            {"per_page": f"must be between 1 and {MAX_PER_PAGE}"},
        )


def list_villages(filters: VillageFilters, page: int = 1, per_page: int = 12) -> Page:
    """Published villages matching `filters`, by Vietnamese name, with crafts and products."""
    check_paging(page, per_page)
    # the total rides along with the page (a window count): one scan of the filter, not two
    rows = db.session.execute(
        _filtered(select(Village, func.count().over()), filters)
        .options(selectinload(Village.crafts), selectinload(Village.products))
        .order_by(Village.slug)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    if rows:
        total = rows[0][1]
    else:  # past the last page (or nothing matches): count alone
        total = db.session.scalar(_filtered(select(func.count(Village.id)), filters)) or 0
    return Page(items=[row[0] for row in rows], total=total, page=page, per_page=per_page)


def get_village(slug: str) -> Village:
    """A published village with its crafts and products, or NotFound."""
    village = db.session.scalar(
        select(Village)
        .where(Village.slug == slug, Village.is_published.is_(True))
        .options(selectinload(Village.crafts), selectinload(Village.products))
    )
    if village is None:
        raise NotFound("unknown_village", f"No village is published under '{slug[:80]}'.")
    return village


def all_crafts() -> list[Craft]:
    """Crafts that at least one published village practises, for filters."""
    used = (
        select(village_crafts.c.craft_id)
        .join(Village, Village.id == village_crafts.c.village_id)
        .where(Village.is_published.is_(True))
    )
    return list(db.session.scalars(select(Craft).where(Craft.id.in_(used)).order_by(Craft.slug)))


def craft_slugs() -> list[str]:
    """Every craft a `craft` filter accepts (check_craft), for the API's document."""
    return list(db.session.scalars(select(Craft.slug).order_by(Craft.slug)))


def all_districts() -> list[str]:
    """Districts with at least one published village, for filters."""
    query = (
        select(Village.district)
        .where(Village.is_published.is_(True), Village.district != "")
        .distinct()
        .order_by(Village.district)
    )
    return list(db.session.scalars(query))


def data_version() -> tuple:
    """Changes whenever any village or product changes: a cache key for derived pages."""
    villages = db.session.execute(
        select(func.count(Village.id), func.max(Village.updated_at))
    ).one()
    products = db.session.execute(select(func.count(Product.id), func.max(Product.id))).one()
    return (*villages, *products)


def count_villages() -> dict[str, int]:
    """Handbook totals for the home page."""
    published = Village.is_published.is_(True)
    total = db.session.scalar(select(func.count(Village.id)).where(published)) or 0
    mapped = (
        db.session.scalar(select(func.count(Village.id)).where(published, Village.lat.is_not(None)))
        or 0
    )
    return {"villages": total, "mapped": mapped}


def check_craft(slug: str) -> int:
    """The id of the craft `slug`, or Invalid naming the field."""
    craft_id = db.session.scalar(select(Craft.id).where(Craft.slug == slug))
    if craft_id is None:
        raise Invalid("unknown_craft", "There is no such craft.", {"craft": "unknown craft"})
    return craft_id


def count_mapped(craft: str = "") -> int:
    """Published villages with a point (of one craft), for the overview map's empty state."""
    return (
        db.session.scalar(
            _filtered(select(func.count(Village.id)), VillageFilters(craft=craft)).where(
                Village.lat.is_not(None), Village.lon.is_not(None)
            )
        )
        or 0
    )


def _recognition(key: str) -> str:
    """The data file's title for a URL key, or Invalid naming the field."""
    if key not in RECOGNITION_KEYS:
        raise Invalid(
            "unknown_recognition",
            "There is no such recognition.",
            {"recognition": f"one of {', '.join(RECOGNITION_KEYS)}"},
        )
    return RECOGNITION_KEYS[key]


def _filtered(query: Select, filters: VillageFilters) -> Select:
    query = query.where(Village.is_published.is_(True))
    for term in query_terms(filters.q):
        query = query.where(Village.search_text.contains(term, autoescape=True))
    if filters.craft:
        craft_id = check_craft(filters.craft)
        query = query.where(
            Village.id.in_(
                select(village_crafts.c.village_id).where(village_crafts.c.craft_id == craft_id)
            )
        )
    if filters.district:
        query = query.where(Village.district == filters.district)
    if filters.recognition:
        query = query.where(Village.recognition == _recognition(filters.recognition))
    if filters.has_workshops:
        from app.experiences.models import Experience

        query = query.where(
            Village.id.in_(select(Experience.village_id).where(Experience.is_published.is_(True)))
        )
    if filters.has_ocop:
        query = query.where(
            Village.id.in_(select(Product.village_id).where(Product.ocop_stars.is_not(None)))
        )
    return query
