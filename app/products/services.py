"""Reading the catalogue: filtered, paginated products of published villages, and one product.

Products are the villages' own rows (hosts manage them; the data file adds its product names),
so the catalogue is a view across villages, not a second copy.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, selectinload

from app.errors import Invalid, NotFound
from app.extensions import db
from app.villages.models import Craft, Product, Village, village_crafts
from app.villages.search import query_terms
from app.villages.services import Page, check_paging

OCOP_LEVELS = (3, 4, 5)


@dataclass(frozen=True)
class ProductFilters:
    """Empty values mean "any"; `ocop` is the least number of stars."""

    craft: str = ""
    village: str = ""  # a slug (links from village and product pages)
    village_name: str = ""  # words typed by a visitor, matched like the village search
    ocop: int | None = None
    min_price: int | None = None
    max_price: int | None = None


def list_products(filters: ProductFilters, page: int = 1, per_page: int = 24) -> Page:
    """Rated products first (most stars), then by village and the village's own order."""
    check_paging(page, per_page)
    _check(filters)
    rows = db.session.execute(
        _filtered(select(Product, func.count().over()).join(Product.village), filters)
        .options(contains_eager(Product.village).selectinload(Village.crafts))
        .order_by(
            Product.ocop_stars.is_(None), Product.ocop_stars.desc(), Village.slug, Product.position
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    if rows:  # the total rides along with the page (a window count)
        total = rows[0][1]
    else:
        count = select(func.count(Product.id)).join(Product.village)
        total = db.session.scalar(_filtered(count, filters)) or 0
    return Page(items=[row[0] for row in rows], total=total, page=page, per_page=per_page)


def get_product(product_id: int) -> Product:
    """A product of a published village, with its village and crafts, or NotFound."""
    product = db.session.scalar(
        select(Product)
        .join(Product.village)
        .where(Product.id == product_id, Village.is_published.is_(True))
        .options(contains_eager(Product.village).selectinload(Village.crafts))
    )
    if product is None:
        raise NotFound("unknown_product", _("There is no such product."))
    return product


def village_named(slug: str) -> Village | None:
    """The published village a `village` filter names, to show it on the page."""
    if not slug:
        return None
    query = select(Village).where(Village.slug == slug, Village.is_published.is_(True))
    return db.session.scalar(query)


def sibling_products(product: Product, limit: int = 6) -> list[Product]:
    """Other products of the same village, for "more from this village"."""
    query = (
        select(Product)
        .where(Product.village_id == product.village_id, Product.id != product.id)
        .order_by(Product.position)
        .limit(limit)
    )
    return list(db.session.scalars(query.options(selectinload(Product.village))))


def _check(filters: ProductFilters) -> None:
    if filters.ocop is not None and filters.ocop not in OCOP_LEVELS:
        raise Invalid("bad_ocop", _("OCOP stars are 3, 4 or 5."), {"ocop": "3, 4 or 5"})
    for name in ("min_price", "max_price"):
        value = getattr(filters, name)
        if value is not None and value < 0:
            raise Invalid(f"bad_{name}", _("A price cannot be negative."), {name: ">= 0"})
    if (filters.min_price or 0) > (filters.max_price if filters.max_price is not None else 2**31):
        raise Invalid(
            "bad_price_range",
            _("The lowest price is above the highest."),
            {"min_price": "<= max_price"},
        )


def _filtered(query: Select, filters: ProductFilters) -> Select:
    query = query.where(Village.is_published.is_(True))
    if filters.craft:
        craft_id = db.session.scalar(select(Craft.id).where(Craft.slug == filters.craft))
        if craft_id is None:
            raise Invalid("unknown_craft", _("There is no such craft."), {"craft": "unknown"})
        crafted = select(village_crafts.c.village_id).where(village_crafts.c.craft_id == craft_id)
        query = query.where(Village.id.in_(crafted))
    if filters.village:
        query = query.where(Village.slug == filters.village)
    for term in query_terms(filters.village_name):
        query = query.where(Village.search_text.contains(term, autoescape=True))
    if filters.ocop is not None:
        query = query.where(Product.ocop_stars >= filters.ocop)
    if filters.min_price is not None:
        query = query.where(Product.price_vnd >= filters.min_price)
    if filters.max_price is not None:
        query = query.where(Product.price_vnd <= filters.max_price)
    return query
