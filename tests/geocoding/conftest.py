"""The app's geocoder pointed at a local server that answers in Nominatim's format."""

import pytest

from tests.nominatim import fake_nominatim


@pytest.fixture()
def nominatim():
    with fake_nominatim() as fake:
        yield fake


@pytest.fixture()
def geocoder_app(app, nominatim, monkeypatch):
    """The app's geocoder settings pointed at the fake server, with a short politeness delay."""
    monkeypatch.setitem(app.config, "GEOCODER_URL", nominatim.url)
    monkeypatch.setitem(app.config, "GEOCODER_MIN_DELAY", 0.05)
    monkeypatch.setitem(app.config, "GEOCODER_USER_AGENT", "LangNghe-tests/1.0 (test@example.com)")
    return app
