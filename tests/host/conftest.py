"""Host workspace fixtures: uploads in a temporary folder, two villages with one host each."""

import io

import pytest
from PIL import Image

from app.extensions import db as _db
from tests.factories import make_product, make_user, make_village


@pytest.fixture(autouse=True)
def upload_folder(app, tmp_path, monkeypatch):
    """Every test stores its photos in its own folder, never in instance/uploads."""
    folder = tmp_path / "uploads"
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(folder))
    return folder


@pytest.fixture()
def villages(db):
    """Bát Tràng (hosted by `host`) and Vạn Phúc (hosted by someone else), one product each."""
    bat_trang = make_village(
        slug="bat-trang",
        name_vi="Bát Tràng",
        name_en="Bat Trang",
        products=[make_product(name_en="Celadon bowl")],
    )
    van_phuc = make_village(
        slug="van-phuc",
        name_vi="Vạn Phúc",
        name_en="Van Phuc",
        craft="silk",
        coord_precision="commune",
        products=[make_product(name_en="Silk scarf")],
    )
    host = make_user(email="host@bat-trang.vn", villages=[bat_trang])
    make_user(email="host@van-phuc.vn", villages=[van_phuc])
    _db.session.commit()
    return {"bat_trang": bat_trang, "van_phuc": van_phuc, "host": host}


def image_bytes(fmt: str = "PNG", size=(64, 48), mode: str = "RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 120, 40) if mode == "RGB" else (200, 120, 40, 128)).save(
        buffer, fmt, **save
    )
    return buffer.getvalue()
