"""Entry point for `flask --app wsgi` and gunicorn."""

from app import create_app

app = create_app()
