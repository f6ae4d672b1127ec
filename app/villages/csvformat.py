"""The villages CSV format of `data/hanoi_craft_villages.csv`: parse, check and write it.

Plain Python: the importer checks every row first and reports bad rows by line number, so the
service can refuse the whole file instead of importing half of it. Written cells are safe to
open in a spreadsheet (app.csvsafe) and read back to exactly the same text.
"""

import csv
import io
import re
from dataclasses import asdict, dataclass

from app.csvsafe import escape_cell, unescape_cell
from app.errors import Invalid

REQUIRED_COLUMNS = (
    "slug", "name_vi", "name_en", "craft", "district", "commune", "lat", "lon",
    "products", "description_en", "coord_source", "coord_precision",
)  # fmt: skip
#: Added in November 2026; a file without them (the first release's format) still imports.
OPTIONAL_COLUMNS = ("description_vi", "products_vi", "recognition", "recognition_source")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
PRECISIONS = ("village", "commune", "new-commune")
#: Titles a village can hold (see data/README.md); empty means "not researched".
RECOGNITIONS = ("LNTT", "LN", "LN (Hà Tây era)", "NTT", "heritage", "press")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Vietnam's bounding box, generously: a point outside it is a typing mistake.
LAT_RANGE = (8.0, 24.0)
LON_RANGE = (102.0, 110.0)
MAX_FIELD = {"slug": 120, "name_vi": 200, "name_en": 200, "craft": 200, "district": 120,
             "commune": 120, "coord_precision": 20, "recognition_source": 500}  # fmt: skip


@dataclass(frozen=True)
class VillageRow:
    """One village as the CSV holds it; `lat`/`lon` are None when the file has no point, and
    an optional column is None when the file does not have it (the stored value is kept)."""

    slug: str
    name_vi: str
    name_en: str
    craft: str
    district: str
    commune: str
    lat: float | None
    lon: float | None
    products: tuple[str, ...]
    description_en: str
    coord_source: str
    coord_precision: str
    description_vi: str | None = None
    products_vi: tuple[str, ...] | None = None
    recognition: str | None = None
    recognition_source: str | None = None


def craft_names(label: str) -> list[str]:
    """The crafts a village is filtered by: split on ';', drop any bracketed narrowing."""
    names = []
    for part in label.split(";"):
        name = re.sub(r"\s*\(.*?\)\s*", " ", part).strip()
        if name and name not in names:
            names.append(name)
    return names


def parse_villages_csv(text: str) -> list[VillageRow]:
    """Every row of `text`, or `Invalid` listing each bad line (nothing is half-read)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    _check_header(reader.fieldnames)
    rows, problems, seen = [], {}, {}
    line = reader.line_num + 1
    for record in reader:
        try:
            row = _parse_record(record)
            if row.slug in seen:
                raise ValueError(f"slug '{row.slug}' repeats line {seen[row.slug]}")
            seen[row.slug] = line
            rows.append(row)
        except ValueError as error:
            problems[f"line {line}"] = str(error)
        line = reader.line_num + 1
    if problems:
        summary = "; ".join(f"{where}: {what}" for where, what in list(problems.items())[:10])
        raise Invalid(
            "bad_rows", f"{len(problems)} bad row(s), nothing imported. {summary}", problems
        )
    if not rows:
        raise Invalid("empty_file", "The file has a header but no villages.")
    return rows


def write_villages_csv(rows: list[VillageRow]) -> str:
    """The rows in the same format they are read from."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        record = {name: "" if value is None else value for name, value in asdict(row).items()}
        record["products"] = "; ".join(row.products)
        record["products_vi"] = "; ".join(row.products_vi or ())
        record["lat"] = "" if row.lat is None else repr(row.lat)
        record["lon"] = "" if row.lon is None else repr(row.lon)
        writer.writerow({name: escape_cell(value) for name, value in record.items()})
    return out.getvalue()


def _check_header(fieldnames: list[str] | None) -> None:
    if not fieldnames:
        raise Invalid("empty_file", "The file is empty: expected a header row.")
    missing = [name for name in REQUIRED_COLUMNS if name not in fieldnames]
    unknown = [name for name in fieldnames if name not in COLUMNS]
    if missing or unknown:
        raise Invalid(
            "bad_header",
            f"line 1: missing columns {missing or '-'}, unknown columns {unknown or '-'}",
            {"line 1": "bad header"},
        )


def _parse_record(record: dict) -> VillageRow:
    if None in record:
        raise ValueError("more fields than columns")
    values = {key: unescape_cell((value or "").strip()) for key, value in record.items()}
    for name in ("slug", "name_vi", "name_en", "craft"):
        if not values[name]:
            raise ValueError(f"{name} is empty")
    for name, limit in MAX_FIELD.items():
        if len(values.get(name, "")) > limit:
            raise ValueError(f"{name} is longer than {limit} characters")
    if not SLUG_PATTERN.match(values["slug"]):
        raise ValueError(f"slug '{values['slug']}' must be lower-case letters, digits and hyphens")
    lat, lon = _parse_point(values)
    products = _items(values["products"])
    extra = _parse_additions(values, products)
    return VillageRow(**{**values, **extra, "lat": lat, "lon": lon, "products": products})


def _items(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(";") if name.strip())


def _parse_additions(values: dict, products: tuple[str, ...]) -> dict:
    """The November 2026 columns, checked; absent ones stay None."""
    extra = {name: values[name] for name in OPTIONAL_COLUMNS if name in values}
    if extra.get("recognition") and extra["recognition"] not in RECOGNITIONS:
        raise ValueError(f"recognition must be empty or one of {', '.join(RECOGNITIONS)}")
    source = extra.get("recognition_source")
    if source and not re.match(r"^https?://\S+$", source):
        raise ValueError("recognition_source must be a web address (http:// or https://)")
    if "products_vi" in extra:
        extra["products_vi"] = _items(extra["products_vi"])
        if extra["products_vi"] and len(extra["products_vi"]) != len(products):
            raise ValueError(
                f"products_vi has {len(extra['products_vi'])} items but products has "
                f"{len(products)}: give the same items in the same order"
            )
    return extra


def _parse_point(values: dict) -> tuple[float | None, float | None]:
    lat_text, lon_text, precision = values["lat"], values["lon"], values["coord_precision"]
    if not lat_text and not lon_text:
        if precision:
            raise ValueError("coord_precision is set but lat/lon are empty")
        return None, None
    if not lat_text or not lon_text:
        raise ValueError("lat and lon must both be given or both be empty")
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise ValueError(f"lat/lon '{lat_text}, {lon_text}' are not numbers") from None
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        raise ValueError(f"point {lat}, {lon} is outside Vietnam")
    if precision not in PRECISIONS:
        raise ValueError(f"coord_precision must be one of {', '.join(PRECISIONS)}")
    return lat, lon
