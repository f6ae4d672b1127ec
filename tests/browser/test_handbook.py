"""The handbook in a real browser: the map's markers, search, language, no foreign hosts."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def own_host(live_server: str) -> str:
    return live_server.split("://", 1)[1]


COUNT_MARKERS = """() => [...document.querySelectorAll('.marker-cluster')]
    .reduce((sum, cluster) => sum + Number(cluster.innerText), 0)
    + document.querySelectorAll('.ln-marker').length"""


def shown_markers(page, expected: int | None = None) -> int:
    """Villages on the map: the numbers on the clusters plus the single pins (once the map has
    settled on `expected`, when given: markers appear after the zoom animation)."""
    count = page.evaluate(COUNT_MARKERS)
    for _ in range(100):  # the CSP forbids wait_for_function's eval: poll, up to 10 s
        if expected is None or count == expected:
            break
        page.wait_for_timeout(100)
        count = page.evaluate(COUNT_MARKERS)
    return count


def test_home_map_shows_clustered_markers_and_loads_nothing_from_other_hosts(page, live_server):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with page.expect_response("**/api/v1/villages.geojson") as geojson:
        page.goto(live_server + "/")
    assert geojson.value.status == 200
    page.wait_for_selector("#village-map[data-loaded=true] .leaflet-marker-icon")
    assert page.locator(".marker-cluster").count() >= 1
    assert shown_markers(page, 127) == 127
    assert errors == []
    assert page.requested_hosts == {own_host(live_server)}


def test_the_craft_filter_narrows_the_map_without_reloading(page, live_server):
    page.goto(live_server + "/")
    page.wait_for_selector("#village-map[data-loaded=true]")
    page.select_option("#craft", "lacquer")
    page.wait_for_selector("#village-map[data-shown='3']")
    assert shown_markers(page, 3) == 3
    assert page.url.endswith("/?craft=lacquer")
    page.select_option("#craft", "puppetry")
    page.wait_for_selector("#village-map[data-shown='1']")
    assert shown_markers(page, 1) == 1 and page.locator("#map-empty").is_hidden()


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
    assert page.locator("#result-count").inner_text().startswith("2 villages")  # and Giang Cao
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
