"""/uploads/<name>: only our random names, served as inert images with safe headers."""

import io

import pytest
from PIL import Image

from app.villages import photos
from tests.host.conftest import image_bytes


def test_a_stored_photo_is_served_with_safe_headers(app, client, db):
    name = photos.store_photo(io.BytesIO(image_bytes()))
    with client.get(f"/uploads/{name}") as response:
        body, headers = response.data, response.headers
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Disposition"].startswith("inline")
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp
    assert Image.open(io.BytesIO(body)).format == "JPEG"


def test_a_transparent_png_is_served_as_webp(client, db):
    name = photos.store_photo(io.BytesIO(image_bytes(mode="RGBA")))
    with client.get(f"/uploads/{name}") as response:
        assert name.endswith(".webp") and response.mimetype == "image/webp"


@pytest.mark.parametrize(
    "name",
    [
        "..%2Fconfig.py",
        "photo.png",
        "0123456789abcdef0123456789abcdef.svg",
        "0123456789abcdef0123456789abcdef.jpg.html",
        "0123456789ABCDEF0123456789ABCDEF.jpg",
    ],
)
def test_names_we_did_not_make_are_404(client, db, name):
    assert client.get(f"/uploads/{name}").status_code == 404


def test_a_well_formed_name_without_a_file_is_404(client, db):
    assert client.get("/uploads/0123456789abcdef0123456789abcdef.jpg").status_code == 404
