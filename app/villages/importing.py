"""Loading villages from the CSV format and writing them back, in one transaction."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.villages import communes
from app.villages.crafts import craft_name_vi, craft_slug
from app.villages.csvformat import VillageRow, craft_names, parse_villages_csv, write_villages_csv
from app.villages.models import Craft, Product, Village
from app.villages.search import search_document

#: Village columns the CSV owns; host-entered fields (hours, contact, links) are left alone.
CSV_FIELDS = ("name_vi", "name_en", "district", "commune", "lat", "lon", "description_en",
              "coord_source", "coord_precision")  # fmt: skip
#: Columns an older file may lack: when the file has no such column, the stored value stays.
OPTIONAL_FIELDS = ("description_vi", "recognition", "recognition_source")


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def import_villages_text(text: str) -> ImportReport:
    """Check the whole file, then upsert every row by slug; a bad file changes nothing."""
    rows = parse_villages_csv(text)
    try:
        report = _upsert(rows)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report


def import_villages_file(path: Path) -> ImportReport:
    return import_villages_text(path.read_text(encoding="utf-8"))


def export_villages_text() -> str:
    """Every village (published or not) in the import format, ordered by slug."""
    villages = db.session.scalars(
        select(Village).options(selectinload(Village.products)).order_by(Village.slug)
    )
    return write_villages_csv([_to_row(village) for village in villages])


def refresh_search_text(village: Village) -> None:
    """Recompute the folded text that search matches; call after any name or text change."""
    village.search_text = search_document(
        village.name_vi,
        village.name_en,
        village.slug.replace("-", " "),
        village.district,
        village.commune,
        village.craft_label,
        " ".join(f"{product.name_vi} {product.name_en}" for product in village.products),
    )


def _upsert(rows: list[VillageRow]) -> ImportReport:
    existing = {
        village.slug: village
        for village in db.session.scalars(
            select(Village).options(selectinload(Village.products), selectinload(Village.crafts))
        )
    }
    crafts = {craft.slug: craft for craft in db.session.scalars(select(Craft))}
    created = updated = unchanged = 0
    for row in rows:
        village = existing.get(row.slug)
        if village is None:
            village = Village(slug=row.slug, products=[], crafts=[])
            db.session.add(village)
            created += 1
        changed = _apply_row(village, row, crafts)
        if village.id is not None:
            updated, unchanged = (updated + 1, unchanged) if changed else (updated, unchanged + 1)
    db.session.flush()
    return ImportReport(created, updated, unchanged)


def _apply_row(village: Village, row: VillageRow, crafts: dict[str, Craft]) -> bool:
    before = _to_row(village) if village.id is not None else None
    for name in CSV_FIELDS:
        setattr(village, name, getattr(row, name))
    for name in OPTIONAL_FIELDS:
        if getattr(row, name) is not None:
            setattr(village, name, getattr(row, name))
    village.craft_label = row.craft
    village.crafts = [_craft(name, crafts) for name in craft_names(row.craft)]
    _apply_products(village, row)
    village.commune_2025 = communes.commune_at(village.lat, village.lon)
    refresh_search_text(village)
    return before != _to_row(village)


def _apply_products(village: Village, row: VillageRow) -> None:
    """Add the file's products a village lacks; the file's Vietnamese names go with them."""
    known = {product.name_en: product for product in village.products}
    names_vi = row.products_vi or ()
    for position, name in enumerate(row.products):
        product = known.get(name)
        if product is None:
            product = Product(name_en=name, name_vi="", position=position)
            village.products.append(product)
        if position < len(names_vi):
            product.name_vi = names_vi[position]


def _craft(name: str, crafts: dict[str, Craft]) -> Craft:
    slug = craft_slug(name)
    if slug not in crafts:
        crafts[slug] = Craft(slug=slug, name_en=name, name_vi=craft_name_vi(name))
        db.session.add(crafts[slug])
    return crafts[slug]


def _to_row(village: Village) -> VillageRow:
    listed = [product for product in village.products if product.name_en]
    products = tuple(product.name_en for product in listed)
    names_vi = tuple(product.name_vi or product.name_en for product in listed)
    return VillageRow(
        slug=village.slug,
        name_vi=village.name_vi,
        name_en=village.name_en,
        craft=village.craft_label,
        district=village.district,
        commune=village.commune,
        lat=village.lat,
        lon=village.lon,
        products=products,
        description_en=village.description_en,
        coord_source=village.coord_source,
        coord_precision=village.coord_precision or "",
        description_vi=village.description_vi or "",
        products_vi=names_vi if any(product.name_vi for product in listed) else (),
        recognition=village.recognition or "",
        recognition_source=village.recognition_source or "",
    )
