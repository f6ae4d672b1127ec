"""The application factory: reads like a table of contents of the app's wiring."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Flask is imported inside the factory, so `app.planner` and the other
    from flask import Flask  # plain-Python packages import without any web framework.

INSECURE_KEYS = {"", "dev", "change-me", "secret"}


def create_app(overrides: dict | None = None) -> Flask:
    from flask import Flask

    app = Flask(__name__, instance_relative_config=True)
    register_config(app, overrides)
    register_trusted_hosts(app)
    register_extensions(app)
    register_input_boundary(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_jinja(app)
    register_security_headers(app)
    register_log_redaction(app)
    register_cli(app)
    return app


def register_config(app: Flask, overrides: dict | None) -> None:
    from app.urls import configure_public_url
    from config import Config

    app.config.from_object(Config)
    if not app.config.get("VENDOR_DIR"):
        app.config["VENDOR_DIR"] = str(Path(app.root_path).parent / "node_modules")
    app.config.update(overrides or {})
    if app.config["SECRET_KEY"] in INSECURE_KEYS:
        if not (app.debug or app.testing):
            raise RuntimeError("SECRET_KEY is not set: refusing to start outside debug/testing.")
        app.config["SECRET_KEY"] = "insecure-development-key"
    configure_public_url(app)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)


def register_trusted_hosts(app: Flask) -> None:
    """Refuse requests for a Host outside TRUSTED_HOSTS before anything reads it."""
    from app.urls import TrustedHostGuard

    app.wsgi_app = TrustedHostGuard(app.wsgi_app, app)


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (every table known to Alembic and the shell)
    from app.accounts.sessions import load_user
    from app.extensions import babel, csrf, db, limiter, login_manager, migrate
    from app.i18n import select_language

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    babel.init_app(app, locale_selector=select_language)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    limiter.init_app(app)  # before CSRF, so a flood is refused even without valid tokens
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from app.sqlite import tune_sqlite

        with app.app_context():
            tune_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])


def register_input_boundary(app: Flask) -> None:
    """One check of every request's text (no NUL, valid Unicode, bounded JSON nesting)."""
    from app.inputs import register

    register(app)


def register_blueprints(app: Flask) -> None:
    from app.accounts.views import bp as accounts_bp
    from app.admin.views import bp as admin_bp
    from app.api import (  # noqa: F401
        bookings,
        experiences,
        openapi,
        plan,
        products,
        tours,
        villages,
    )
    from app.api.blueprint import bp as api_bp
    from app.assets import bp as assets_bp
    from app.bookings.host_views import bp as bookings_host_bp
    from app.bookings.views import bp as bookings_bp
    from app.experiences.host_views import bp as experiences_host_bp
    from app.experiences.photo_views import bp as experience_photos_bp
    from app.experiences.views import bp as experiences_bp
    from app.extensions import csrf
    from app.geocoding.review_views import bp as locations_bp
    from app.host.views import bp as host_bp
    from app.itineraries.admin_views import bp as itineraries_admin_bp
    from app.itineraries.views import bp as itineraries_bp
    from app.operators.departure_views import bp as departures_bp
    from app.operators.public_views import bp as tours_bp
    from app.operators.views import bp as operators_bp
    from app.pages import bp as pages_bp
    from app.products.views import bp as products_bp
    from app.requestargs import BoundedIntConverter
    from app.trips.views import bp as trips_bp
    from app.uploads import bp as uploads_bp
    from app.villages.views import bp as villages_bp

    app.url_map.converters["int"] = BoundedIntConverter
    app.register_blueprint(assets_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(villages_bp)
    app.register_blueprint(products_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(host_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(locations_bp)
    app.register_blueprint(itineraries_bp)
    app.register_blueprint(itineraries_admin_bp)
    app.register_blueprint(experiences_bp)
    app.register_blueprint(experiences_host_bp)
    app.register_blueprint(experience_photos_bp)
    app.register_blueprint(bookings_bp)
    app.register_blueprint(bookings_host_bp)
    app.register_blueprint(operators_bp)
    app.register_blueprint(departures_bp)
    app.register_blueprint(tours_bp)
    app.register_blueprint(uploads_bp)
    app.register_blueprint(trips_bp)
    csrf.exempt(api_bp)
    app.register_blueprint(api_bp)


def register_error_handlers(app: Flask) -> None:
    from app.error_handlers import register

    register(app)


def register_jinja(app: Flask) -> None:
    from app.jinja import register

    register(app)


def register_security_headers(app: Flask) -> None:
    from app.security import add_security_headers

    app.after_request(add_security_headers)


def register_log_redaction(app: Flask) -> None:
    """The development server's request lines and the app's error logs lose their tokens."""
    import logging

    from app.accesslog import add_filter

    add_filter(logging.getLogger("werkzeug"))
    add_filter(app.logger)


def register_cli(app: Flask) -> None:
    from app.cli import register

    register(app)
