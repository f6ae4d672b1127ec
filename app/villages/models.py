"""Crafts, villages and their products."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import UTCDateTime, db
from app.timeutil import utcnow

if TYPE_CHECKING:
    from app.accounts.models import User

#: Precisions a village point may have, finest first; anything but "village" is approximate.
PRECISE = "village"

village_crafts = Table(
    "village_crafts",
    db.metadata,
    Column("village_id", ForeignKey("villages.id", ondelete="CASCADE"), primary_key=True),
    Column("craft_id", ForeignKey("crafts.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Craft(db.Model):
    __tablename__ = "crafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_vi: Mapped[str] = mapped_column(String(120))

    villages: Mapped[list["Village"]] = relationship(
        secondary=village_crafts, back_populates="crafts"
    )


class Village(db.Model):
    __tablename__ = "villages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    craft_label: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(120), default="", index=True)
    commune: Mapped[str] = mapped_column(String(120), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    coord_precision: Mapped[str] = mapped_column(String(20), default="")
    coord_source: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_vi: Mapped[str] = mapped_column(Text, default="")
    history_en: Mapped[str] = mapped_column(Text, default="")
    history_vi: Mapped[str] = mapped_column(Text, default="")
    recognition_status: Mapped[str] = mapped_column(String(200), default="")
    #: The title the data file gives (LNTT, LN, …; see csvformat.RECOGNITIONS) and its source.
    recognition: Mapped[str] = mapped_column(String(40), default="", index=True)
    recognition_source: Mapped[str] = mapped_column(String(500), default="")
    #: The post-July-2025 commune or ward that holds the point (from the boundaries file).
    commune_2025: Mapped[str] = mapped_column(String(120), default="")
    opening_hours: Mapped[str] = mapped_column(String(300), default="")
    contact_phone: Mapped[str] = mapped_column(String(60), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    video_url: Mapped[str] = mapped_column(String(500), default="")
    website_url: Mapped[str] = mapped_column(String(500), default="")
    shop_url: Mapped[str] = mapped_column(String(500), default="")
    showroom_url: Mapped[str] = mapped_column(String(500), default="")
    is_published: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    crafts: Mapped[list[Craft]] = relationship(
        secondary=village_crafts, back_populates="villages", order_by=Craft.slug
    )
    products: Mapped[list["Product"]] = relationship(
        back_populates="village", order_by="Product.position", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("lat IS NULL OR (lat BETWEEN -90 AND 90)", name="lat_range"),
        CheckConstraint("lon IS NULL OR (lon BETWEEN -180 AND 180)", name="lon_range"),
        Index("ix_villages_published_name", "is_published", "name_vi"),
    )

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def is_approximate(self) -> bool:
        """A point coarser than the village itself (commune or new-commune centre)."""
        return self.has_point and self.coord_precision != PRECISE

    def can_manage(self, user) -> bool:
        """Admins manage every village; hosts only the villages they are members of."""
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return user.is_admin or self.id in user.village_ids

    @property
    def rated_products(self) -> list["Product"]:
        return [product for product in self.products if product.ocop_stars]


class Product(db.Model):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name_vi: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200))
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_vi: Mapped[str] = mapped_column(Text, default="")
    photo_path: Mapped[str] = mapped_column(String(300), default="")
    ocop_stars: Mapped[int | None] = mapped_column(Integer, index=True)
    ocop_year: Mapped[int | None] = mapped_column(Integer)
    price_vnd: Mapped[int | None] = mapped_column(Integer, index=True)
    is_ip_protected: Mapped[bool] = mapped_column(Boolean, default=False)

    village: Mapped[Village] = relationship(back_populates="products")

    __table_args__ = (
        CheckConstraint("ocop_stars IS NULL OR ocop_stars BETWEEN 3 AND 5", name="ocop_stars"),
        CheckConstraint("price_vnd IS NULL OR price_vnd >= 0", name="price"),
    )


class LocationEvent(db.Model):
    """Audit of a village's point: who moved it (or decided on a proposal), when, from -> to."""

    __tablename__ = "location_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(
        ForeignKey("villages.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(30))
    from_lat: Mapped[float | None] = mapped_column(Float)
    from_lon: Mapped[float | None] = mapped_column(Float)
    from_precision: Mapped[str] = mapped_column(String(20), default="")
    to_lat: Mapped[float | None] = mapped_column(Float)
    to_lon: Mapped[float | None] = mapped_column(Float)
    to_precision: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    village: Mapped[Village] = relationship()
    actor: Mapped["User | None"] = relationship()
