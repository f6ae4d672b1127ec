"""The 139-village data set through the doors a user uses: seed, import, the pages and the API."""

import csv
import io
from pathlib import Path

from sqlalchemy import select

from app.villages.csvformat import REQUIRED_COLUMNS
from app.villages.models import LocationEvent, Village

DATA = Path(__file__).resolve().parents[2] / "data" / "hanoi_craft_villages.csv"


def village(db, slug: str) -> Village:
    db.session.expire_all()
    return db.session.scalar(select(Village).where(Village.slug == slug))


def test_seed_loads_both_languages_for_every_village(db, demo):
    villages = list(db.session.scalars(select(Village)))
    assert len(villages) == 139
    assert all(v.description_en and v.description_vi for v in villages)
    kim_lan = village(db, "kim-lan")
    assert [p.name_vi for p in kim_lan.products][:2] == ["gốm gia dụng", "hũ và nồi"]


def test_import_places_each_point_in_its_2025_commune(db, seeded):
    assert village(db, "bat-trang").commune_2025 == "Xã Bát Tràng"
    assert village(db, "kieu-ky").commune_2025 == "Xã Gia Lâm"
    assert village(db, "y-la").commune_2025 == ""  # no point, no commune


def test_a_first_release_file_still_imports_and_keeps_the_newer_columns(db, runner, tmp_path):
    runner.invoke(args=["villages", "import", str(DATA)])
    text = DATA.read_text(encoding="utf-8")
    out = io.StringIO()
    writer = csv.DictWriter(out, REQUIRED_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in csv.DictReader(io.StringIO(text)):
        writer.writerow({**row, "name_en": row["name_en"].replace("Village", "Hamlet")})
    old = tmp_path / "old.csv"
    old.write_text(out.getvalue(), encoding="utf-8")
    result = runner.invoke(args=["villages", "import", str(old)])
    assert result.exit_code == 0, result.output
    giang_cao = village(db, "giang-cao")
    assert giang_cao.name_en == "Giang Cao Ceramics Hamlet"
    assert giang_cao.recognition == "LNTT" and giang_cao.description_vi


def test_village_page_in_vietnamese_shows_the_vietnamese_description_and_products(client, seeded):
    client.get("/language/vi")
    page = client.get("/villages/kim-lan").get_data(as_text=True)
    assert "Ngay cạnh Bát Tràng, Kim Lan có những di chỉ lò gốm" in page
    assert "gốm gia dụng" in page and "household pottery" not in page


def test_village_page_says_why_it_is_listed_with_its_source(client, seeded):
    page = client.get("/villages/giang-cao", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "Recognised by Hanoi as a traditional craft village" in page
    source = "http://khuyencongonline.gov.vn/tin-tuc/xay-dung-bao-ton-va-phat-trien-lang-nghe"
    assert f'<a href="{source}' in page and 'id="recognition-source"' in page


def test_village_page_in_vietnamese_translates_the_title(client, seeded):
    client.get("/language/vi")
    page = client.get("/villages/giang-cao").get_data(as_text=True)
    assert "Làng nghề truyền thống Hà Nội" in page


def test_a_village_of_the_first_release_says_its_title_is_not_researched(client, seeded):
    page = client.get("/villages/bat-trang", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    assert "has not been researched yet" in page


def test_village_page_says_how_precise_its_point_is_and_its_2025_commune(client, seeded):
    page = client.get("/villages/kim-lan", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "since July 2025: Xã Bát Tràng" in page
    assert "up to about five kilometres off" in page
    exact = client.get("/villages/chuong", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "The point is at the village itself." in exact


def test_the_list_filters_by_recognition(client, seeded):
    page = client.get("/villages/?recognition=heritage").get_data(as_text=True)
    assert "1 village found" in page and 'href="/villages/dao-thuc"' in page
    none = client.get("/villages/?recognition=none&per_page=100").get_data(as_text=True)
    assert "37 villages found" in none


def test_the_api_filters_by_recognition_and_refuses_unknown_titles(client, seeded):
    body = client.get("/api/v1/villages?recognition=ntt").get_json()
    assert {item["slug"] for item in body["items"]} == {"ba-duong-noi", "mai-dong"}
    assert all(item["recognition"] == "NTT" for item in body["items"])
    refused = client.get("/api/v1/villages?recognition=famous")
    assert refused.status_code == 400 and "recognition" in refused.get_json()["error"]["fields"]


def test_new_crafts_are_in_the_vocabulary_with_vietnamese_names(client, seeded):
    client.get("/language/vi")
    page = client.get("/villages/?craft=leather-footwear").get_data(as_text=True)
    assert "Da giày" in page and "3 làng" in page
    for craft in ("stone-carving", "musical-instruments", "photography", "puppetry"):
        assert client.get(f"/villages/?craft={craft}").status_code == 200, craft


def test_a_host_moving_the_point_is_audited_and_updates_the_commune(db, client, seeded, login_as):
    from tests.factories import make_user

    kim_lan = village(db, "kim-lan")
    admin = login_as(make_user(role="admin", email="admin@example.com"))
    db.session.commit()
    data = {"name_vi": kim_lan.name_vi, "name_en": kim_lan.name_en, "lat": "21.0375",
            "lon": "105.8340"}  # fmt: skip
    assert client.post("/host/villages/kim-lan/edit", data=data).status_code == 302
    moved = village(db, "kim-lan")
    assert moved.commune_2025 == "Phường Ba Đình"
    event = db.session.scalar(select(LocationEvent).where(LocationEvent.village_id == moved.id))
    assert (event.action, event.actor_id, event.from_precision, event.to_precision) == (
        "host_moved",
        admin.id,
        "new-commune",
        "village",
    )
