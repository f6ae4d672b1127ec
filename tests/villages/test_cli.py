"""`flask seed`, `flask villages import` and `flask villages export`, run as a user would."""

import csv
import io
from pathlib import Path

from sqlalchemy import func, select

from app.villages.models import Product, Village

DATA = Path(__file__).resolve().parents[2] / "data" / "hanoi_craft_villages.csv"


def count(db, model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_seed_loads_every_village_of_the_data_file(db, demo):
    assert "139 created" in demo.output
    assert count(db, Village) == 139
    bat_trang = db.session.scalar(select(Village).where(Village.slug == "bat-trang"))
    assert bat_trang.name_vi == "Làng gốm sứ Bát Tràng"
    assert (bat_trang.lat, bat_trang.coord_precision) == (20.983, "village")
    assert [craft.slug for craft in bat_trang.crafts] == ["ceramics"]


def test_seed_twice_changes_nothing(db, runner, demo):
    before = runner.invoke(args=["villages", "export"]).output
    products = count(db, Product)
    again = runner.invoke(args=["seed"])
    assert again.exit_code == 0
    assert "0 created, 0 updated, 139 unchanged" in again.output
    assert "0 accounts, 0 experiences, 0 slots" in again.output
    assert count(db, Village) == 139 and count(db, Product) == products
    assert runner.invoke(args=["villages", "export"]).output == before


def test_villages_without_a_point_are_kept(db, seeded):
    y_la = db.session.scalar(select(Village).where(Village.slug == "y-la"))
    assert (y_la.lat, y_la.lon, y_la.coord_precision) == (None, None, "")


def test_export_then_import_round_trips_the_same_values(db, runner, seeded, tmp_path):
    exported = runner.invoke(args=["villages", "export"]).output
    source_text = DATA.read_text(encoding="utf-8")
    original = {row["slug"]: row for row in csv.DictReader(io.StringIO(source_text))}
    for row in csv.DictReader(io.StringIO(exported)):
        source = original[row["slug"]]
        for column, value in row.items():
            if column in ("lat", "lon") and value:
                assert float(value) == float(source[column]), (row["slug"], column)
            else:
                assert value == source[column], (row["slug"], column)
    target = tmp_path / "villages.csv"
    target.write_text(exported, encoding="utf-8")
    result = runner.invoke(args=["villages", "import", str(target)])
    assert result.exit_code == 0 and "139 unchanged" in result.output


def test_export_to_a_file(db, runner, seeded, tmp_path):
    target = tmp_path / "out.csv"
    result = runner.invoke(args=["villages", "export", "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("slug,name_vi,name_en,craft")


def test_import_of_a_file_with_bad_rows_names_the_lines_and_imports_nothing(db, runner, tmp_path):
    lines = DATA.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("kieu-ky", "Kiêu Kỵ!")
    lines.append("zz,Làng,Name,ceramics,D,C,99,105,,,,village")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(args=["villages", "import", str(bad)])
    assert result.exit_code != 0
    assert "line 4" in result.output and f"line {len(lines)}" in result.output
    assert "nothing imported" in result.output
    assert count(db, Village) == 0


def test_import_updates_changed_rows_and_keeps_host_entered_fields(db, runner, seeded, tmp_path):
    bat_trang = db.session.scalar(select(Village).where(Village.slug == "bat-trang"))
    bat_trang.opening_hours = "8:00–17:00"
    db.session.commit()
    text = DATA.read_text(encoding="utf-8")
    text = text.replace("Bat Trang Ceramic Village", "Bat Trang Pottery")
    changed = tmp_path / "changed.csv"
    changed.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["villages", "import", str(changed)])
    assert "1 updated, 138 unchanged" in result.output
    db.session.expire_all()
    bat_trang = db.session.scalar(select(Village).where(Village.slug == "bat-trang"))
    assert (bat_trang.name_en, bat_trang.opening_hours) == ("Bat Trang Pottery", "8:00–17:00")


def test_import_of_a_missing_or_non_utf8_file_fails_clearly(db, runner, tmp_path):
    assert runner.invoke(args=["villages", "import", str(tmp_path / "nope.csv")]).exit_code != 0
    latin = tmp_path / "latin.csv"
    latin.write_bytes("slug,name_vi\nx,Làng\n".encode("cp1258", errors="replace"))
    result = runner.invoke(args=["villages", "import", str(latin)])
    assert result.exit_code != 0 and "nothing imported" in result.output
