"""What a card shows beyond its own row: the picture (a workshop's photos, the first photo
found for a village or a tour, else the drawing of its craft: never an empty box) and, for a
village, the price of its cheapest workshop. Map popups and shared links use the same pictures.

Batch readers (`experience_covers`, `village_covers`, `tour_covers`, `cheapest_prices`) load a
whole list in a fixed number of queries, whatever its length."""

from collections.abc import Iterable
from dataclasses import dataclass

from flask import url_for
from sqlalchemy import func, select

from app.experiences.models import Experience, ExperiencePhoto
from app.extensions import db
from app.i18n import tr
from app.villages.models import Product, Village
from app.villages.placeholders import placeholder_file


@dataclass(frozen=True)
class Cover:
    url: str
    #: What the photo shows; empty for a drawing, which only decorates a named card.
    alt: str = ""
    is_drawing: bool = False
    #: What a shared link shows (social sites draw no SVG: drawings have a PNG twin).
    share_url: str = ""


def photo(name: str, alt: str) -> Cover:
    url = url_for("uploads.photo", name=name)
    return Cover(url, alt, share_url=url)


def drawing(craft_slug: str | None) -> Cover:
    svg = placeholder_file(craft_slug)
    png = svg.replace("img/crafts/", "img/crafts/png/").replace(".svg", ".png")
    return Cover(url_for("static", filename=svg), "", True, url_for("static", filename=png))


def gallery(experience: Experience) -> list[Cover]:
    """Every photo of a workshop in the host's order: the main photo, then the gallery."""
    title = tr(experience, "title")
    covers = [photo(experience.photo_path, title)] if experience.photo_path else []
    covers += [photo(item.path, tr(item, "alt") or title) for item in experience.photos]
    return covers


def experience_cover(experience: Experience) -> Cover:
    return next(iter(gallery(experience)), None) or drawing(_craft_slug(experience))


def experience_covers(experiences: Iterable[Experience]) -> dict[int, Cover]:
    """The first photo (or the craft's drawing) of each experience: one query at most."""
    experiences = list(experiences)
    firsts = _first_gallery_photos({e.id for e in experiences if not e.photo_path})
    covers = {}
    for experience in experiences:
        if experience.photo_path:
            covers[experience.id] = photo(experience.photo_path, tr(experience, "title"))
        elif experience.id in firsts:
            covers[experience.id] = firsts[experience.id]
        else:
            covers[experience.id] = drawing(_craft_slug(experience))
    return covers


def village_photos(village_ids: set[int] | None = None) -> dict[int, Cover]:
    """A photo per village that has one (all published villages when `village_ids` is None):
    its cheapest workshop's first photo, else its first product photo. Three queries."""
    found: dict[int, Cover] = {}
    for village_id, name, alt in _workshop_photo_rows(village_ids):
        found.setdefault(village_id, photo(name, alt))
    query = select(Product.village_id, Product.photo_path, Product.name_vi, Product.name_en)
    query = query.where(Product.photo_path != "").order_by(Product.position, Product.id)
    if village_ids is not None:
        query = query.where(Product.village_id.in_(village_ids or {-1}))
    for row in db.session.execute(query):
        found.setdefault(row.village_id, photo(row.photo_path, tr(row, "name")))
    return found


def village_covers(villages: Iterable[Village]) -> dict[int, Cover]:
    """A cover for each village (crafts loaded): a photo when one exists, else a drawing."""
    villages = list(villages)
    photos = village_photos({village.id for village in villages})
    return {
        village.id: photos.get(village.id)
        or drawing(village.crafts[0].slug if village.crafts else None)
        for village in villages
    }


def tour_covers(tours: Iterable) -> dict[int, Cover]:
    """A tour shows its first stop's workshop photo, else the first photo of a village on its
    route, else the drawing of its first village's craft."""
    tours = list(tours)
    stops = [stop for tour in tours for stop in tour.stops]
    experiences = {stop.experience.id: stop.experience for stop in stops if stop.experience}
    workshops = experience_covers(experiences.values())
    villages = village_photos({stop.village_id for stop in stops})
    covers = {}
    for tour in tours:
        candidates = [workshops.get(s.experience_id) for s in tour.stops if s.experience_id]
        candidates += [villages.get(stop.village_id) for stop in tour.stops]
        real = [cover for cover in candidates if cover is not None and not cover.is_drawing]
        first_village = tour.stops[0].village if tour.stops else None
        craft = first_village.crafts[0].slug if first_village and first_village.crafts else None
        covers[tour.id] = real[0] if real else drawing(craft)
    return covers


def photos_version() -> tuple:
    """Changes whenever a workshop's photos may have changed: part of cache keys."""
    return tuple(
        db.session.execute(select(func.count(Experience.id), func.max(Experience.updated_at))).one()
    )


def cheapest_prices(village_ids: set[int]) -> dict[int, int]:
    """The lowest adult price among each village's published workshops (villages without one
    are absent): one query."""
    rows = db.session.execute(
        select(Experience.village_id, func.min(Experience.price_adult_vnd))
        .where(Experience.is_published.is_(True), Experience.village_id.in_(village_ids or {-1}))
        .group_by(Experience.village_id)
    )
    return {village_id: price for village_id, price in rows}


def _craft_slug(experience: Experience) -> str | None:
    if experience.craft is not None:
        return experience.craft.slug
    crafts = experience.village.crafts
    return crafts[0].slug if crafts else None


def _first_gallery_photos(experience_ids: set[int]) -> dict[int, Cover]:
    if not experience_ids:
        return {}
    rows = db.session.scalars(
        select(ExperiencePhoto)
        .where(ExperiencePhoto.experience_id.in_(experience_ids))
        .order_by(ExperiencePhoto.position, ExperiencePhoto.id)
    )
    firsts: dict[int, Cover] = {}
    for item in rows:
        firsts.setdefault(item.experience_id, photo(item.path, tr(item, "alt")))
    return firsts


def _workshop_photo_rows(village_ids: set[int] | None) -> list[tuple[int, str, str]]:
    """(village id, file, alt) of published workshops' photos: main photos first, then
    gallery photos, each cheapest workshop first."""
    published = Experience.is_published.is_(True)
    if village_ids is not None:
        published = published & Experience.village_id.in_(village_ids or {-1})
    mains = db.session.execute(
        select(
            Experience.village_id, Experience.photo_path, Experience.title_vi, Experience.title_en
        )  # fmt: skip
        .where(published, Experience.photo_path != "")
        .order_by(Experience.price_adult_vnd, Experience.id)
    )
    rows = [(row.village_id, row.photo_path, tr(row, "title")) for row in mains]
    extras = db.session.execute(
        select(
            Experience.village_id,
            ExperiencePhoto.path,
            ExperiencePhoto.alt_vi,
            ExperiencePhoto.alt_en,
        )  # fmt: skip
        .join(Experience, Experience.id == ExperiencePhoto.experience_id)
        .where(published)
        .order_by(Experience.price_adult_vnd, Experience.id, ExperiencePhoto.position)
    )
    return rows + [(row.village_id, row.path, tr(row, "alt")) for row in extras]
