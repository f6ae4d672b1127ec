"""Hosts changing their villages and products: every call checks `village.can_manage(actor)`,
is one transaction, and refreshes the village's search text."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.errors import Forbidden, Invalid, NotFound
from app.extensions import db
from app.timeutil import utcnow
from app.villages import photos
from app.villages.csvformat import LAT_RANGE, LON_RANGE
from app.villages.importing import refresh_search_text
from app.villages.models import PRECISE, Product, Village
from app.villages.points import PointChange, move_point
from app.villages.services import Page, check_paging

VILLAGE_FIELDS = ("name_vi", "name_en", "description_en", "description_vi", "history_en",
                  "history_vi", "opening_hours", "contact_phone", "contact_email", "address",
                  "video_url", "website_url", "shop_url", "showroom_url",
                  "recognition_status")  # fmt: skip
URL_FIELDS = ("video_url", "website_url", "shop_url", "showroom_url")
PRODUCT_FIELDS = ("name_vi", "name_en", "description_vi", "description_en", "ocop_stars",
                  "ocop_year", "price_vnd", "is_ip_protected")  # fmt: skip
OCOP_STARS = (3, 4, 5)
OCOP_FIRST_YEAR, OCOP_LAST_YEAR = 2018, 2100  # the programme started in 2018
MAX_PRICE_VND = 2_000_000_000
#: A point moved by less than this (about 1 cm) is the same point re-posted.
SAME_POINT = 1e-7


def list_managed_villages(actor: User, page: int = 1, per_page: int = 20) -> Page:
    """The villages `actor` may edit (all of them for an admin), by slug, published or not."""
    check_paging(page, per_page)
    query = select(Village)
    if not actor.is_admin:
        query = query.where(Village.id.in_(actor.village_ids))
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.options(selectinload(Village.products))
        .order_by(Village.slug)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


def get_village_for_edit(slug: str, actor: User | None) -> Village:
    """The village (published or not) with its products, if `actor` may manage it."""
    village = db.session.scalar(
        select(Village).where(Village.slug == slug).options(selectinload(Village.products))
    )
    if village is None:
        raise NotFound("unknown_village", _("There is no such village."))
    if not village.can_manage(actor):
        raise Forbidden("forbidden", _("You do not host this village."))
    return village


def get_product_for_edit(slug: str, product_id: int, actor: User | None) -> Product:
    """One product of a village `actor` manages; a product of another village is NotFound."""
    village = get_village_for_edit(slug, actor)
    for product in village.products:
        if product.id == product_id:
            return product
    raise NotFound("unknown_product", _("This village has no such product."))


def update_village(
    slug: str, actor: User | None, data: dict, now: datetime | None = None
) -> Village:
    """Save the host-editable fields; a `lat`/`lon` pair in `data` also moves the point."""
    village = get_village_for_edit(slug, actor)
    point = (data.get("lat"), data.get("lon"))
    values = {name: value for name, value in data.items() if name not in ("lat", "lon")}
    _check_village_values(values)
    try:
        for name, value in values.items():
            setattr(village, name, (value or "").strip())
        _apply_point(village, *point, actor=actor, now=now or utcnow())
        refresh_search_text(village)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return village


def set_location(
    slug: str, actor: User | None, lat: float, lon: float, now: datetime | None = None
) -> Village:
    """Put the village's point where its host says it is: a point at the village itself."""
    village = get_village_for_edit(slug, actor)
    if lat is None or lon is None:
        raise Invalid("no_point", _("Give both latitude and longitude."), _point_errors(lat, lon))
    try:
        _apply_point(village, lat, lon, actor=actor, now=now or utcnow())
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return village


def add_product(
    slug: str, actor: User | None, data: dict, photo: BinaryIO | None = None
) -> Product:
    """A new product at the end of the village's list, with its photo re-encoded."""
    village = get_village_for_edit(slug, actor)
    _check_product_values(data)
    position = max((product.position for product in village.products), default=-1) + 1
    product = Product(position=position, **_product_values(data))
    with _new_photo(photo) as name:
        product.photo_path = name or ""
        village.products.append(product)
        _commit(village)
    return product


def update_product(
    slug: str, product_id: int, *, actor: User | None, data: dict, photo: BinaryIO | None = None
) -> Product:
    """Change a product of a village `actor` manages; a new photo replaces the old file."""
    product = get_product_for_edit(slug, product_id, actor)
    _check_product_values(data)
    old_photo = product.photo_path
    with _new_photo(photo) as name:
        for key, value in _product_values(data).items():
            setattr(product, key, value)
        product.photo_path = name or old_photo
        _commit(product.village)
    if name:
        photos.delete_photo(old_photo)
    return product


def delete_product(slug: str, product_id: int, *, actor: User | None) -> None:
    """Remove a product (and its photo file) from a village `actor` manages."""
    product = get_product_for_edit(slug, product_id, actor)
    village, photo_name = product.village, product.photo_path
    village.products.remove(product)
    _commit(village)
    photos.delete_photo(photo_name)


def _commit(village: Village) -> None:
    try:
        refresh_search_text(village)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise


@contextmanager
def _new_photo(stream: BinaryIO | None) -> Iterator[str]:
    """Store an uploaded photo for the block; delete the file again if the block fails."""
    name = photos.store_photo(stream) if stream is not None else ""
    try:
        yield name
    except BaseException:
        photos.delete_photo(name)
        raise


def _apply_point(village: Village, lat: float | None, lon: float | None, *, actor, now) -> None:
    if lat is None and lon is None:
        return
    if lat is None or lon is None or not _in_vietnam(lat, lon):
        raise Invalid("bad_point", _("The point must be inside Vietnam."), _point_errors(lat, lon))
    if village.has_point and _same(village.lat, lat) and _same(village.lon, lon):
        return
    source = f"Set on the map by the village host on {now:%Y-%m-%d %H:%M} UTC."
    change = PointChange(float(lat), float(lon), PRECISE, source, "host_moved")
    move_point(village, change, actor=actor, now=now)


def _same(old: float, new: float) -> bool:
    return abs(old - float(new)) < SAME_POINT


def _in_vietnam(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


def _point_errors(lat: float | None, lon: float | None) -> dict[str, str]:
    errors = {}
    if lat is None or not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        errors["lat"] = _("Latitude must be between %(low)s and %(high)s.", low=LAT_RANGE[0],
                          high=LAT_RANGE[1])  # fmt: skip
    if lon is None or not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        errors["lon"] = _("Longitude must be between %(low)s and %(high)s.", low=LON_RANGE[0],
                          high=LON_RANGE[1])  # fmt: skip
    return errors


def _check_village_values(values: dict) -> None:
    """The same rules as the form, so no other door (API, CLI) can store a bad value."""
    errors = _length_errors(Village, values, VILLAGE_FIELDS)
    for name in ("name_vi", "name_en"):
        if name in values and not (values[name] or "").strip():
            errors[name] = _("This field is required.")
    for name in URL_FIELDS:
        url = (values.get(name) or "").strip().lower()
        if url and not url.startswith(("http://", "https://")):
            errors[name] = _("Only http:// and https:// links are accepted.")
    email = (values.get("contact_email") or "").strip()
    if email and "@" not in email:
        errors["contact_email"] = _("Invalid email address.")
    _raise_if(errors)


def _check_product_values(data: dict) -> None:
    errors = _length_errors(Product, data, PRODUCT_FIELDS)
    if not ((data.get("name_vi") or "").strip() or (data.get("name_en") or "").strip()):
        errors["name_vi"] = _("Give the product a name in Vietnamese or English.")
    if data.get("ocop_stars") not in (None, *OCOP_STARS):
        errors["ocop_stars"] = _("OCOP stars are 3, 4 or 5, or none.")
    year = data.get("ocop_year")
    if year is not None and not (OCOP_FIRST_YEAR <= year <= OCOP_LAST_YEAR):
        errors["ocop_year"] = _("The OCOP year is between %(low)d and %(high)d.",
                                low=OCOP_FIRST_YEAR, high=OCOP_LAST_YEAR)  # fmt: skip
    elif year is not None and data.get("ocop_stars") is None:
        errors["ocop_year"] = _("Give the OCOP stars for this year, or leave the year empty.")
    price = data.get("price_vnd")
    if price is not None and not (0 <= price <= MAX_PRICE_VND):
        errors["price_vnd"] = _("The price is between 0 and %(max)s VND.", max=f"{MAX_PRICE_VND:,}")
    _raise_if(errors)


def _length_errors(model, values: dict, allowed: tuple[str, ...]) -> dict[str, str]:
    errors = {}
    for name, value in values.items():
        if name not in allowed:
            raise Invalid("unknown_field", _("Unknown field: %(name)s", name=name), {name: "?"})
        limit = getattr(model.__table__.c[name].type, "length", None)
        if limit and isinstance(value, str) and len(value.strip()) > limit:
            errors[name] = _("At most %(max)d characters.", max=limit)
    return errors


def _raise_if(errors: dict[str, str]) -> None:
    if errors:
        summary = "; ".join(f"{name}: {message}" for name, message in errors.items())
        raise Invalid("invalid", _("Please correct: %(fields)s", fields=summary), errors)


def _product_values(data: dict) -> dict:
    values = {key: data[key] for key in PRODUCT_FIELDS if key in data}
    for key in ("name_vi", "name_en", "description_vi", "description_en"):
        if key in values:
            values[key] = (values[key] or "").strip()
    return values
