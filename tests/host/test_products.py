"""Products and their photos through the test client: ownership by village, upload checks."""

import io

from PIL import Image
from PIL.PngImagePlugin import PngInfo
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.extensions import db as _db
from app.villages.models import Product
from tests.host.conftest import image_bytes

PRODUCTS = "/host/villages/{}/products/"


def product_named(name: str) -> Product | None:
    _db.session.expire_all()
    return _db.session.scalar(select(Product).where(Product.name_en == name))


def product_form(photo: bytes | None = None, filename: str = "photo.png", **fields) -> dict:
    data = {"name_vi": "Bát men lam", "name_en": "Blue bowl", "description_en": "Hand-thrown.",
            "ocop_stars": "4", **fields}  # fmt: skip
    if photo is not None:
        data["photo"] = (io.BytesIO(photo), filename)
    return data


def post_new(client, slug: str, data: dict):
    url = PRODUCTS.format(slug) + "new"
    return client.post(url, data=data, content_type="multipart/form-data")


def test_host_adds_a_product_with_its_photo_shown_on_the_village_page(
    client, login_as, villages, upload_folder
):
    login_as(villages["host"])
    response = post_new(client, "bat-trang", product_form(image_bytes()))
    assert response.status_code == 302 and response.location.endswith(PRODUCTS.format("bat-trang"))
    product = product_named("Blue bowl")
    assert product.ocop_stars == 4 and product.village.slug == "bat-trang"
    assert (upload_folder / product.photo_path).is_file()
    page = client.get("/villages/bat-trang").get_data(as_text=True)
    assert f'src="/uploads/{product.photo_path}"' in page and "Blue bowl" in page
    assert "blue bowl" in product.village.search_text


def test_host_edits_and_deletes_own_product(client, login_as, villages):
    login_as(villages["host"])
    bowl = product_named("Celadon bowl")
    url = f"{PRODUCTS.format('bat-trang')}{bowl.id}/edit"
    data = product_form(name_en="Celadon vase", ocop_stars="", is_ip_protected="y")
    response = client.post(url, data=data, follow_redirects=True)
    assert "Product saved." in response.get_data(as_text=True)
    vase = product_named("Celadon vase")
    assert vase.ocop_stars is None and vase.is_ip_protected
    response = client.post(f"{PRODUCTS.format('bat-trang')}{bowl.id}/delete", follow_redirects=True)
    assert "Product deleted." in response.get_data(as_text=True)
    assert product_named("Celadon vase") is None


def test_product_of_another_village_is_not_found_through_own_village(client, login_as, villages):
    login_as(villages["host"])
    scarf = product_named("Silk scarf")
    own_url = f"{PRODUCTS.format('bat-trang')}{scarf.id}"
    assert client.get(own_url + "/edit").status_code == 404
    assert client.post(own_url + "/edit", data=product_form(name_en="Hacked")).status_code == 404
    assert client.post(own_url + "/delete").status_code == 404
    scarf = product_named("Silk scarf")
    assert scarf is not None and scarf.village.slug == "van-phuc"


def test_host_cannot_touch_the_products_of_another_village(client, login_as, villages):
    login_as(villages["host"])
    scarf = product_named("Silk scarf")
    their_url = f"{PRODUCTS.format('van-phuc')}{scarf.id}"
    assert client.get(PRODUCTS.format("van-phuc")).status_code == 403
    assert post_new(client, "van-phuc", product_form(name_en="Intruder")).status_code == 403
    assert client.post(their_url + "/edit", data=product_form(name_en="Hacked")).status_code == 403
    assert client.post(their_url + "/delete").status_code == 403
    assert product_named("Silk scarf") is not None
    assert product_named("Intruder") is None and product_named("Hacked") is None


def test_a_file_that_is_not_an_image_is_refused_clearly(client, login_as, villages, upload_folder):
    login_as(villages["host"])
    fake = b"<?php system($_GET['c']); ?>" + b"\0" * 100
    response = post_new(client, "bat-trang", product_form(fake, filename="photo.jpg"))
    assert response.status_code == 422
    assert "This file is not a JPEG, PNG or WebP image." in response.get_data(as_text=True)
    assert product_named("Blue bowl") is None
    assert not upload_folder.exists() or not any(upload_folder.iterdir())


def test_a_gif_is_refused_as_an_unaccepted_format(client, login_as, villages):
    login_as(villages["host"])
    response = post_new(client, "bat-trang", product_form(image_bytes("GIF"), "a.gif"))
    assert response.status_code == 422
    assert "Only JPEG, PNG and WebP photos are accepted." in response.get_data(as_text=True)


def test_a_20_mb_upload_is_refused_with_413_naming_the_limit(client, login_as, villages):
    login_as(villages["host"])
    huge = b"\xff\xd8\xff" + b"\0" * (20 * 1024 * 1024)
    # Encoded in memory: the test client would spool a body this big to a temporary file.
    photo = FileStorage(io.BytesIO(huge), filename="big.jpg", content_type="image/jpeg")
    boundary, body = encode_multipart({**product_form(), "photo": photo})
    response = client.post(PRODUCTS.format("bat-trang") + "new", data=body,
                           content_type=f"multipart/form-data; boundary={boundary}")  # fmt: skip
    assert response.status_code == 413
    assert "The upload is too large: a request may be at most 8 MB." in response.get_data(
        as_text=True
    )
    assert product_named("Blue bowl") is None


def test_a_png_is_reencoded_resized_and_stripped(client, login_as, villages, upload_folder):
    login_as(villages["host"])
    big = Image.new("RGB", (3200, 2000), (10, 120, 200))
    buffer = io.BytesIO()
    info = PngInfo()
    info.add_text("Comment", "secret GPS 21.0,105.9")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    big.save(buffer, "PNG", pnginfo=info, exif=exif)
    assert post_new(client, "bat-trang", product_form(buffer.getvalue())).status_code == 302
    stored = upload_folder / product_named("Blue bowl").photo_path
    with Image.open(stored) as image:
        assert image.format == "JPEG" and image.size == (1600, 1000)
        assert not image.getexif() and "Comment" not in image.info and "exif" not in image.info
    assert b"secret GPS" not in stored.read_bytes()


def test_a_new_photo_replaces_and_removes_the_old_file(client, login_as, villages, upload_folder):
    login_as(villages["host"])
    post_new(client, "bat-trang", product_form(image_bytes()))
    product = product_named("Blue bowl")
    old = upload_folder / product.photo_path
    url = f"{PRODUCTS.format('bat-trang')}{product.id}/edit"
    data = product_form(image_bytes("JPEG"), "new.jpg")
    assert client.post(url, data=data, content_type="multipart/form-data").status_code == 302
    new = upload_folder / product_named("Blue bowl").photo_path
    assert new.is_file() and new != old and not old.exists()


def test_product_pages_show_the_list_and_the_forms(client, login_as, villages):
    login_as(villages["host"])
    post_new(client, "bat-trang", product_form(image_bytes()))
    listing = client.get(PRODUCTS.format("bat-trang")).get_data(as_text=True)
    photo = product_named("Blue bowl").photo_path
    assert "Celadon bowl" in listing and f"/uploads/{photo}" in listing
    assert listing.count(">Delete</button>") == 2
    form = client.get(PRODUCTS.format("bat-trang") + "new").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'name="ocop_stars"' in form
    edit = client.get(f"{PRODUCTS.format('bat-trang')}{product_named('Blue bowl').id}/edit")
    assert edit.status_code == 200 and "Current photo" in edit.get_data(as_text=True)
