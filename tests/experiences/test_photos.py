"""Pictures everywhere: a workshop's gallery (hosts upload, describe in both languages, reorder,
remove), the cover every card, map popup and plan stop shows, a drawn placeholder per craft
when there is no photo, and Open Graph tags so a shared link shows a picture."""

import io
import re
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlalchemy import select

from app.experiences.models import ExperiencePhoto
from tests.factories import (
    make_experience,
    make_product,
    make_tour,
    make_user,
    make_village,
)


def jpeg(colour=(180, 90, 40), size=(1200, 800)) -> io.BytesIO:
    picture = io.BytesIO()
    Image.new("RGB", size, colour).save(picture, "JPEG")
    picture.seek(0)
    return picture


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(folder))
    return folder


@pytest.fixture()
def workshop(db):
    village = make_village(slug="bat-trang", name_vi="Bát Tràng", name_en="Bat Trang")
    experience = make_experience(village=village, title_en="Throw a pot", title_vi="Vuốt gốm")
    host = make_user(villages=[village])
    db.session.commit()
    return experience, host


def upload(client, experience, alt_vi="Bàn xoay gốm", alt_en="A potter's wheel", colour=None):
    return client.post(
        f"/host/experiences/{experience.id}/photos",
        data={"photo": (jpeg(colour or (180, 90, 40)), "wheel.jpg"), "alt_vi": alt_vi,
              "alt_en": alt_en},
        content_type="multipart/form-data",
    )  # fmt: skip


def photo_srcs(page: str, alt: str) -> list[str]:
    return re.findall(rf'<img src="([^"]+)" alt="{re.escape(alt)}"', page)


def test_a_host_adds_a_described_photo_and_guests_see_it(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    assert upload(client, experience).status_code == 302
    stored = db.session.scalar(select(ExperiencePhoto))
    assert stored.alt_en == "A potter's wheel" and stored.alt_vi == "Bàn xoay gốm"
    page = client.get(f"/workshops/{experience.id}").get_data(as_text=True)
    assert photo_srcs(page, "A potter&#39;s wheel") == [f"/uploads/{stored.path}"]
    client.set_cookie("lang", "vi")
    page = client.get(f"/workshops/{experience.id}").get_data(as_text=True)
    assert photo_srcs(page, "Bàn xoay gốm") == [f"/uploads/{stored.path}"]


def test_the_stored_photo_is_reencoded_without_its_metadata(
    client, db, login_as, workshop, upload_folder
):
    experience, host = workshop
    login_as(host)
    big = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # the camera maker
    Image.new("RGB", (3000, 2000), (10, 120, 60)).save(big, "JPEG", exif=exif)
    big.seek(0)
    client.post(
        f"/host/experiences/{experience.id}/photos",
        data={"photo": (big, "big.jpg"), "alt_vi": "Lò nung", "alt_en": ""},
        content_type="multipart/form-data",
    )
    stored = db.session.scalar(select(ExperiencePhoto))
    with Image.open(upload_folder / stored.path) as image:
        assert max(image.size) == 1600 and not image.getexif()


def test_a_photo_needs_a_description_in_one_language(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    response = upload(client, experience, alt_vi=" ", alt_en="")
    assert response.status_code == 422
    assert 'id="alt_vi-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(ExperiencePhoto)) is None


def test_a_file_that_is_not_an_image_is_refused_and_named(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    response = client.post(
        f"/host/experiences/{experience.id}/photos",
        data={"photo": (io.BytesIO(b"<svg onload=alert(1)>"), "x.jpg"), "alt_vi": "x"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and 'id="photo-error"' in response.get_data(as_text=True)


def test_another_villages_host_cannot_touch_the_gallery(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    upload(client, experience)
    photo = db.session.scalar(select(ExperiencePhoto))
    client.post("/auth/logout")
    login_as(make_user(villages=[make_village()]))
    assert upload(client, experience).status_code == 403
    assert client.post(f"/host/experiences/photos/{photo.id}/delete").status_code == 403
    assert client.get(f"/host/experiences/{experience.id}/photos").status_code == 403
    assert db.session.scalar(select(ExperiencePhoto.id)) == photo.id


def test_photos_keep_the_hosts_order(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    upload(client, experience, alt_en="First", colour=(200, 0, 0))
    upload(client, experience, alt_en="Second", colour=(0, 200, 0))
    second = db.session.scalar(select(ExperiencePhoto).where(ExperiencePhoto.alt_en == "Second"))
    client.post(f"/host/experiences/photos/{second.id}/earlier")
    page = client.get(f"/workshops/{experience.id}").get_data(as_text=True)
    assert page.index('alt="Second"') < page.index('alt="First"')
    card = client.get("/workshops/").get_data(as_text=True)
    assert f"/uploads/{second.path}" in card  # the card shows the first photo


def test_removing_a_photo_deletes_its_file(client, db, login_as, workshop, upload_folder):
    experience, host = workshop
    login_as(host)
    upload(client, experience)
    photo = db.session.scalar(select(ExperiencePhoto))
    assert (upload_folder / photo.path).exists()
    client.post(f"/host/experiences/photos/{photo.id}/delete")
    assert db.session.scalar(select(ExperiencePhoto)) is None
    assert not (upload_folder / photo.path).exists()


def test_a_described_photo_can_be_described_again(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    upload(client, experience)
    photo = db.session.scalar(select(ExperiencePhoto))
    client.post(
        f"/host/experiences/{experience.id}/photos/{photo.id}",
        data={"alt_vi": "Nghệ nhân vuốt gốm", "alt_en": "A potter at the wheel"},
    )
    db.session.expire_all()
    assert db.session.get(ExperiencePhoto, photo.id).alt_en == "A potter at the wheel"


def test_cards_without_a_photo_show_their_crafts_drawing(client, db):
    village = make_village(craft="silk/weaving")
    make_experience(village=village)
    make_tour(stops=[{"village": village, "offset_minutes": 0, "stay_minutes": 60}])
    db.session.commit()
    for path in ("/workshops/", "/villages/", "/tours/", f"/villages/{village.slug}"):
        page = client.get(path).get_data(as_text=True)
        assert "/static/img/crafts/textiles.svg" in page, path
    with client.get("/static/img/crafts/textiles.svg") as drawing:
        assert drawing.status_code == 200 and drawing.mimetype == "image/svg+xml"


def test_a_village_card_shows_its_workshops_photo_else_a_product_photo(
    client, db, login_as, workshop
):
    experience, host = workshop
    other = make_village(products=[make_product(name_en="Bowl", photo_path="a" * 32 + ".jpg")])
    db.session.commit()
    login_as(host)
    upload(client, experience)
    photo = db.session.scalar(select(ExperiencePhoto))
    page = client.get("/villages/").get_data(as_text=True)
    cards = dict(re.findall(r'data-village="([^"]+)">\s*<img src="([^"]+)"', page))
    assert cards["bat-trang"] == f"/uploads/{photo.path}"
    assert cards[other.slug] == f"/uploads/{'a' * 32}.jpg"


def test_a_tour_card_shows_a_photo_of_its_route(client, db, login_as, workshop):
    experience, host = workshop
    tour = make_tour(
        stops=[
            {
                "village": experience.village,
                "experience_id": experience.id,
                "offset_minutes": 0,
                "stay_minutes": 60,
            }
        ]  # fmt: skip
    )
    db.session.commit()
    login_as(host)
    upload(client, experience)
    photo = db.session.scalar(select(ExperiencePhoto))
    page = client.get("/tours/").get_data(as_text=True)
    assert re.search(rf'data-tour="{tour.id}">\s*<img src="/uploads/{photo.path}"', page)


def test_map_popups_carry_the_village_photo(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    upload(client, experience)
    photo = db.session.scalar(select(ExperiencePhoto))
    features = client.get("/api/v1/villages.geojson").get_json()["features"]
    assert features[0]["properties"]["photo"] == f"/uploads/{photo.path}"


def test_a_shared_workshop_link_shows_its_photo(client, db, login_as, workshop):
    experience, host = workshop
    login_as(host)
    upload(client, experience)
    photo = db.session.scalar(select(ExperiencePhoto))
    page = client.get(f"/workshops/{experience.id}").get_data(as_text=True)
    tags = dict(re.findall(r'<meta property="(og:[a-z:]+)" content="([^"]*)"', page))
    assert tags["og:title"] == "Throw a pot"
    assert re.match(rf"https?://[^/]+/uploads/{photo.path}$", tags["og:image"])
    assert tags["og:url"].endswith(f"/workshops/{experience.id}")
    assert tags["og:image:alt"] == "A potter&#39;s wheel"


def test_a_shared_page_without_a_photo_shows_a_drawing_social_sites_can_read(client, db):
    village = make_village(craft="lacquer")
    db.session.commit()
    page = client.get(f"/villages/{village.slug}").get_data(as_text=True)
    image = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert image.startswith("http") and image.endswith("/static/img/crafts/png/lacquer.png")
    with client.get(urlsplit(image).path) as response:
        assert response.status_code == 200 and response.mimetype == "image/png"


def test_every_stop_of_a_planned_day_has_a_picture(client, seeded):
    from tests.trips.test_views import query

    page = client.get("/plan/", query_string=query()).get_data(as_text=True)
    stops = re.findall(r'<li class="ln-timeline-stop.*?</li>', page, re.S)
    visits = [stop for stop in stops if "ln-stop--lunch" not in stop]
    assert visits and all('class="rounded object-fit-cover' in stop for stop in visits)
    assert all(re.search(r'src="/static/img/crafts/\w+\.svg"', stop) for stop in visits)
