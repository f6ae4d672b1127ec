"""Product photos: check an upload really is an image, re-encode it small and clean, store it.

Nothing the visitor sent is kept: the pixels are decoded, resized to at most `MAX_SIDE` px and
written anew (JPEG, or WebP when the image has transparency) without EXIF, ICC or text chunks,
under a random name that the /uploads route is the only one to serve.
"""

import re
import secrets
import warnings
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from app.errors import Invalid

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_SIDE = 1600
#: Larger than any camera photo; a bigger header is a decompression bomb.
MAX_PIXELS = 50_000_000
NAME_PATTERN = re.compile(r"^[0-9a-f]{32}\.(?:jpg|webp)$")
FIELD = "photo"


def upload_dir() -> Path:
    """UPLOAD_DIR when configured, else `instance/uploads`; created on first use."""
    configured = current_app.config.get("UPLOAD_DIR")
    folder = Path(configured or Path(current_app.instance_path, "uploads"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_photo(stream: BinaryIO) -> str:
    """Decode, re-encode and store an uploaded photo; return its new file name, or Invalid."""
    image = _open_checked(stream)
    name, fmt, options = _encoding_for(image)
    image.save(upload_dir() / name, fmt, **options)
    return name


def delete_photo(name: str) -> None:
    """Remove a stored photo (only names we made); a missing file is not an error."""
    if name and NAME_PATTERN.match(name):
        (upload_dir() / name).unlink(missing_ok=True)


def _open_checked(stream: BinaryIO) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(stream)
            _check_header(image)
            image.verify()
            stream.seek(0)
            image = Image.open(stream)
            image.load()
    except Invalid:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refused(_too_big_message()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refused(_("This file is not a JPEG, PNG or WebP image.")) from None
    return _cleaned(image)


def _check_header(image: Image.Image) -> None:
    if image.format not in ACCEPTED_FORMATS:
        raise _refused(_("Only JPEG, PNG and WebP photos are accepted."))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _refused(_too_big_message())


def _cleaned(image: Image.Image) -> Image.Image:
    """Upright, at most MAX_SIDE px, and a fresh image that carries no metadata at all."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _encoding_for(image: Image.Image) -> tuple[str, str, dict]:
    token = secrets.token_hex(16)
    if image.mode == "RGBA":
        return f"{token}.webp", "WEBP", {"quality": 85}
    return f"{token}.jpg", "JPEG", {"quality": 85, "optimize": True}


def _too_big_message() -> str:
    return _("This image is too large: at most %(mp)d megapixels.", mp=MAX_PIXELS // 1_000_000)


def _refused(message: str) -> Invalid:
    return Invalid("bad_photo", message, {FIELD: message})
