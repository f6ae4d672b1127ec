"""A workshop's photo gallery, edited by its hosts: add (re-encoded by Pillow), describe in
both languages, reorder, remove. Ownership is checked here, so no door can forget it."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.errors import Invalid, NotFound
from app.experiences import services
from app.experiences.models import Experience, ExperiencePhoto
from app.extensions import db
from app.timeutil import utcnow
from app.transactions import write_transaction
from app.villages import photos

MAX_PHOTOS = 12


def add_photo(experience_id: int, actor, stream, alt_vi: str, alt_en: str) -> ExperiencePhoto:
    """Store an uploaded photo at the end of the gallery; a failure leaves no stray file."""
    experience = services.get_experience_for_edit(experience_id, actor)
    _check_alt(alt_vi, alt_en)
    if len(experience.photos) >= MAX_PHOTOS:
        message = _("A workshop shows at most %(n)d photos: remove one first.", n=MAX_PHOTOS)
        raise Invalid("too_many_photos", message, {"photo": message})
    name = photos.store_photo(stream)
    try:
        with write_transaction():
            item = _append_photo(experience, name, alt_vi, alt_en)
    except Exception:
        photos.delete_photo(name)
        raise
    return item


def _append_photo(experience: Experience, name: str, alt_vi: str, alt_en: str) -> ExperiencePhoto:
    last = db.session.scalar(
        select(func.max(ExperiencePhoto.position)).where(
            ExperiencePhoto.experience_id == experience.id
        )
    )
    item = ExperiencePhoto(
        experience=experience,
        path=name,
        position=(last if last is not None else -1) + 1,
        alt_vi=alt_vi.strip(),
        alt_en=alt_en.strip(),
    )
    db.session.add(item)
    experience.updated_at = utcnow()  # covers are cached on it
    return item


@write_transaction()
def describe_photo(photo_id: int, actor, alt_vi: str, alt_en: str) -> ExperiencePhoto:
    item = _photo_for_edit(photo_id, actor)
    _check_alt(alt_vi, alt_en)
    item.alt_vi, item.alt_en = alt_vi.strip(), alt_en.strip()
    return item


@write_transaction()
def move_photo(photo_id: int, actor, step: int) -> Experience:
    """Swap a photo with its neighbour (`step` -1: earlier, +1: later); positions are
    renumbered 0..n-1 so they stay dense whatever happened before."""
    item = _photo_for_edit(photo_id, actor)
    ordered = list(item.experience.photos)
    index = ordered.index(item)
    target = index + (1 if step > 0 else -1)
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, photo in enumerate(ordered):
        photo.position = position
    item.experience.updated_at = utcnow()
    return item.experience


def remove_photo(photo_id: int, actor) -> Experience:
    """Delete a photo and, once that is committed, its file."""
    with write_transaction():
        item = _photo_for_edit(photo_id, actor)
        experience, name = item.experience, item.path
        db.session.delete(item)
        experience.updated_at = utcnow()
    photos.delete_photo(name)
    return experience


def _photo_for_edit(photo_id: int, actor) -> ExperiencePhoto:
    item = db.session.get(ExperiencePhoto, photo_id)
    if item is None:
        raise NotFound("unknown_photo", _("No such photo."))
    services.get_experience_for_edit(item.experience_id, actor)  # raises Forbidden
    return item


def _check_alt(alt_vi: str, alt_en: str) -> None:
    """A photo is described in at least one language (screen readers read it)."""
    if not (alt_vi or "").strip() and not (alt_en or "").strip():
        message = _("Say in a few words what the photo shows.")
        raise Invalid("missing_alt", message, {"alt_vi": message})
