"""Readable, unique URL keys from titles (`bat-trang-throw-a-pot-on-the-wheel`)."""

from slugify import slugify
from sqlalchemy import select

from app.extensions import db


def free_slug(model, text: str, fallback: str, limit: int = 150) -> str:
    """slugify(`text`), with -2, -3… added until no `model` row uses it."""
    base = slugify(text)[:limit] or fallback
    slug, number = base, 2
    while db.session.scalar(select(model.id).where(model.slug == slug)) is not None:
        slug, number = f"{base}-{number}", number + 1
    return slug
