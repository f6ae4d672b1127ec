"""Every setting, read once from the environment with a safe default (see README)."""

import os


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _list(name: str) -> list[str] | None:
    """A comma-separated variable as a list; None when unset (the app derives a default)."""
    items = [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]
    return items or None


OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors, ODbL'
)


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "")
    TRUSTED_HOSTS = _list("TRUSTED_HOSTS")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///langnghe.db")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL", "")
    TILE_URL = os.environ.get("TILE_URL", OSM_TILES)
    TILE_ATTRIBUTION = os.environ.get("TILE_ATTRIBUTION", OSM_ATTRIBUTION)
    BOOKING_HOLD_HOURS = _int("BOOKING_HOLD_HOURS", 48)
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    LOGIN_RATELIMIT = os.environ.get("LOGIN_RATELIMIT", "10 per minute;50 per hour")
    REGISTER_RATELIMIT = os.environ.get("REGISTER_RATELIMIT", "5 per minute;30 per hour")
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", "")
    MAX_CONTENT_LENGTH = _int("MAX_UPLOAD_MB", 8) * 1024 * 1024
    ROUTING_URL = os.environ.get("ROUTING_URL", "")
    ROUTING_TIMEOUT = float(os.environ.get("ROUTING_TIMEOUT", "2"))
    VENDOR_DIR = os.environ.get("VENDOR_DIR", "")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Làng Nghề <no-reply@localhost>")
    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LANGUAGE", "vi")
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    VILLAGES_PER_PAGE = _int("VILLAGES_PER_PAGE", 12)
    PRODUCTS_PER_PAGE = _int("PRODUCTS_PER_PAGE", 24)
    GEOCODER_URL = os.environ.get("GEOCODER_URL", "https://nominatim.openstreetmap.org")
    GEOCODER_USER_AGENT = os.environ.get(
        "GEOCODER_USER_AGENT", "LangNghe-handbook/0.1 (Hanoi craft-village handbook)"
    )
    GEOCODER_MIN_DELAY = float(os.environ.get("GEOCODER_MIN_DELAY", "1"))
    GEOCODER_TIMEOUT = float(os.environ.get("GEOCODER_TIMEOUT", "10"))
    APPROXIMATE_BUFFER_MINUTES = _int("APPROXIMATE_BUFFER_MINUTES", 15)
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", not _bool("FLASK_DEBUG", False))
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    DEBUG = _bool("FLASK_DEBUG", False)
    TESTING = False
