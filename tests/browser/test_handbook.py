"""The handbook in a real browser: the map's markers, search, language, no foreign hosts."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def own_host(live_server: str) -> str:
    return live_server.split("://", 1)[1]


def test_home_map_shows_clustered_markers_and_loads_nothing_from_other_hosts(page, live_server):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/")
    page.wait_for_selector(".leaflet-marker-icon")
    clusters = page.locator(".marker-cluster")
    assert clusters.count() >= 1
    cluster_total = sum(int(text) for text in clusters.all_inner_texts())
    single_pins = page.locator(".ln-marker").count()
    assert cluster_total + single_pins == 34
    assert page.locator(".leaflet-control-layers").count() == 1
    assert errors == []
    assert page.requested_hosts == {own_host(live_server)}


def test_popup_links_to_the_village_page(page, live_server):
    page.goto(live_server + "/?craft=lacquer")
    page.locator(".ln-marker").first.click()
    link = page.get_by_role("link", name="Open village page")
    link.click()
    page.wait_for_url(re.compile(r"/villages/ha-thai$"))
    assert "Ha Thai" in page.title()


def test_village_page_has_its_map_and_approximate_note(page, live_server):
    page.goto(live_server + "/villages/van-phuc")
    page.wait_for_selector(".ln-marker")
    assert page.locator("#approximate-note").is_visible()
    assert page.locator(".leaflet-interactive").count() >= 1  # the approximation circle
    assert page.requested_hosts == {own_host(live_server)}
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "village-van-phuc.png"), full_page=True)


def test_search_from_the_list_finds_a_village_without_diacritics(page, live_server):
    page.goto(live_server + "/villages/")
    page.get_by_label("Search", exact=True).fill("BAT TRANG")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=BAT\+TRANG"))
    assert page.locator("#result-count").inner_text().startswith("1 village")
    page.get_by_role("link", name="Bat Trang Ceramic Village").click()
    page.wait_for_url(re.compile(r"/villages/bat-trang$"))


def test_language_switch_is_remembered_across_pages(page, live_server):
    page.goto(live_server + "/villages/")
    page.locator("a[data-lang=vi]").click()
    page.wait_for_selector("html[lang=vi]")
    assert "Tìm thấy" in page.locator("#result-count").inner_text()
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("link", name="Bản đồ").count() == 1


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshots_of_the_main_pages(page, live_server, name, width):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for path, label in [
        ("/", "home"),
        ("/villages/", "list"),
        ("/villages/bat-trang", "village"),
        ("/villages/nowhere", "404"),
    ]:
        page.goto(live_server + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SHOTS / f"{label}-{name}.png"), full_page=True)
    assert len(list(SHOTS.glob(f"*-{name}.png"))) >= 4
