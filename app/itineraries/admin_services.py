"""Admins writing routes: every call checks the role, validates, and is one transaction."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.errors import Forbidden, Invalid, NotFound
from app.extensions import db
from app.itineraries.models import Itinerary, ItineraryStop
from app.itineraries.rules import SLUG, StopLine
from app.trips.places import PLACES_BY_KEY
from app.villages.models import Village

TEXT_FIELDS = ("title_vi", "title_en", "summary_vi", "summary_en", "story_vi", "story_en",
               "start_place")  # fmt: skip
FLAGS = ("has_lunch", "is_published")


def _require_admin(actor: User | None) -> None:
    if actor is None or not getattr(actor, "is_admin", False):
        raise Forbidden("forbidden", _("Only an admin can do this."))


def all_itineraries(actor: User | None) -> list[Itinerary]:
    """Every route, published or not, in order."""
    _require_admin(actor)
    query = select(Itinerary).options(selectinload(Itinerary.stops))
    return list(db.session.scalars(query.order_by(Itinerary.position, Itinerary.slug)))


def get_for_edit(itinerary_id: int, actor: User | None) -> Itinerary:
    _require_admin(actor)
    itinerary = db.session.get(Itinerary, itinerary_id)
    if itinerary is None:
        raise NotFound("unknown_route", _("There is no such route."))
    return itinerary


def save_itinerary(
    actor: User | None, data: dict, stops: list[StopLine], itinerary_id: int | None = None
) -> Itinerary:
    """Create (no id) or update a route and replace its stops, keeping nothing half-saved."""
    itinerary = Itinerary() if itinerary_id is None else get_for_edit(itinerary_id, actor)
    _require_admin(actor)
    _check(data, itinerary)
    villages = _villages(stops)
    try:
        for name in (*TEXT_FIELDS, "slug"):
            setattr(itinerary, name, (data.get(name) or "").strip())
        for name in FLAGS:
            setattr(itinerary, name, bool(data.get(name)))
        itinerary.position = int(data.get("position") or 0)
        if itinerary.id is not None:  # old stops go first: (route, village) is unique
            itinerary.stops.clear()
            db.session.flush()
        itinerary.stops = [
            ItineraryStop(village=villages[stop.village], position=position,
                          note_en=stop.note_en, note_vi=stop.note_vi)
            for position, stop in enumerate(stops)
        ]  # fmt: skip
        db.session.add(itinerary)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return itinerary


def delete_itinerary(itinerary_id: int, actor: User | None) -> None:
    itinerary = get_for_edit(itinerary_id, actor)
    db.session.delete(itinerary)
    db.session.commit()


def _check(data: dict, itinerary: Itinerary) -> None:
    errors = {}
    slug = (data.get("slug") or "").strip()
    if not SLUG.match(slug) or len(slug) > 120:
        errors["slug"] = _("Lower-case letters, digits and hyphens.")
    elif db.session.scalar(
        select(Itinerary.id).where(Itinerary.slug == slug, Itinerary.id != (itinerary.id or -1))
    ):
        errors["slug"] = _("Another route already uses this address.")
    for name in ("title_vi", "title_en"):
        if not (data.get(name) or "").strip():
            errors[name] = _("This field is required.")
    if data.get("start_place") not in PLACES_BY_KEY:
        errors["start_place"] = _("Choose a start place.")
    if errors:
        raise Invalid("invalid", _("Please correct the marked fields."), errors)


def _villages(stops: list[StopLine]) -> dict[str, Village]:
    """The stops' villages; each must exist and have a point, or the route cannot be planned."""
    slugs = [stop.village for stop in stops]
    found = {v.slug: v for v in db.session.scalars(select(Village).where(Village.slug.in_(slugs)))}
    unknown = [slug for slug in slugs if slug not in found]
    unmapped = [slug for slug in slugs if slug in found and not found[slug].has_point]
    if unknown or unmapped:
        message = "; ".join(
            [_("unknown village: %(slug)s", slug=slug) for slug in unknown]
            + [_("%(slug)s has no point on the map", slug=slug) for slug in unmapped]
        )
        raise Invalid("bad_stops", message, {"stops": message})
    return found
