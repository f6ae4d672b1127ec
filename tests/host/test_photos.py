"""The photo pipeline on its own: formats, bombs, orientation and metadata."""

import io

import pytest
from PIL import Image

from app.errors import Invalid
from app.villages import photos
from tests.host.conftest import image_bytes


@pytest.fixture(autouse=True)
def request_context(app, db):
    """Messages are translated, so the pipeline runs inside a request, as in the app."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def stored(upload_folder, name: str) -> Image.Image:
    return Image.open(upload_folder / name)


def test_a_decompression_bomb_is_refused_before_decoding(db, upload_folder):
    buffer = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(buffer, "PNG")  # 60 megapixels in a few kB
    bomb = buffer.getvalue()
    assert len(bomb) < 100_000
    with pytest.raises(Invalid) as refused:
        photos.store_photo(io.BytesIO(bomb))
    assert refused.value.fields == {"photo": "This image is too large: at most 50 megapixels."}
    assert not upload_folder.exists() or not any(upload_folder.iterdir())


def test_a_truncated_image_is_refused(db):
    broken = image_bytes("JPEG", size=(400, 300))[:200]
    with pytest.raises(Invalid, match="not a JPEG, PNG or WebP"):
        photos.store_photo(io.BytesIO(broken))


def test_jpeg_exif_with_gps_is_removed_and_orientation_applied(db, upload_folder):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the stored photo must be upright
    exif[0x8825] = {1: "N", 2: (21.0, 0.0, 0.0)}
    source = image_bytes("JPEG", size=(200, 100), exif=exif)
    with stored(upload_folder, photos.store_photo(io.BytesIO(source))) as image:
        assert image.size == (100, 200)
        assert not image.getexif() and "icc_profile" not in image.info


def test_webp_is_accepted_and_small_images_keep_their_size(db, upload_folder):
    name = photos.store_photo(io.BytesIO(image_bytes("WEBP", size=(300, 200))))
    with stored(upload_folder, name) as image:
        assert image.size == (300, 200)


def test_delete_photo_ignores_names_we_did_not_make(db, upload_folder, tmp_path):
    outside = tmp_path / "keep.txt"
    outside.write_text("keep")
    photos.delete_photo("../keep.txt")
    assert outside.exists()
