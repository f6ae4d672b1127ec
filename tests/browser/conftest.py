"""A live server on a seeded SQLite database, and headless Chromium driven by Playwright."""

import gc
import shutil
import threading
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_test_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app behind the live server, seeded with the Hanoi data; use its CLI to add users."""
    app = make_test_app(f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}")
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    gc.collect()  # report any file the dev server dropped now, inside a browser test


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not shutil.which("chromium") and not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed (Debian package 'chromium')")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, live_server):
    """A fresh English-speaking page that records every host it asks for."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlsplit(request.url).netloc))
    page.set_default_timeout(10_000)
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """When the browser leaves a page while a file is still streaming, werkzeug's development
    server drops the open file and Python reports it later, in whatever test runs then. That
    is the test server's leak, not the app's: ignore just that report in browser tests."""
    leak = pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <_io.FileIO:pytest.PytestUnraisableExceptionWarning"
    )
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(leak)
