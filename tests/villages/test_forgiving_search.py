"""Search that forgives: run-together names, typos and bare Vietnamese words find the village a
person means, on SQLite (Python similarity) and PostgreSQL (pg_trgm) alike; "did you mean"
when nothing matches exactly; the results also on a map."""

import json
import re

import pytest
from sqlalchemy import text

from app.villages import search
from tests.villages.test_views import names_on


def results_on_map(page: str) -> list[str]:
    data = re.search(
        r'<script type="application/json" id="results-data">(.*?)</script>', page, re.S
    )
    return [feature["properties"]["slug"] for feature in json.loads(data.group(1))["features"]]


def did_you_mean(page: str) -> str | None:
    found = re.search(r'id="meant-link">([^<]*)</a>', page)
    return found.group(1) if found else None


@pytest.mark.parametrize("query", ["battrang", "bat trag", "BATTRANG", "bát trag"])
def test_a_run_together_or_mistyped_name_finds_bat_trang(client, seeded, query):
    page = client.get("/villages/", query_string={"q": query}).get_data(as_text=True)
    assert names_on(page)[0] == "bat-trang"
    assert did_you_mean(page) == "Bat Trang"


def test_did_you_mean_speaks_the_page_language_and_searches_it(client, seeded):
    client.set_cookie("lang", "vi")
    page = client.get("/villages/?q=battrang").get_data(as_text=True)
    assert did_you_mean(page) == "Bát Tràng"
    link = re.search(r'href="([^"]*)" id="meant-link"', page).group(1).replace("&amp;", "&")
    exact = client.get(link).get_data(as_text=True)
    assert "bat-trang" in names_on(exact) and did_you_mean(exact) is None


def test_a_bare_vietnamese_word_finds_the_pottery_villages(client, seeded):
    page = client.get("/villages/?q=gom").get_data(as_text=True)
    assert {"bat-trang", "kim-lan"} <= set(names_on(page))
    assert did_you_mean(page) is None  # an exact match needs no suggestion


def test_an_exact_match_offers_no_suggestion(client, seeded):
    page = client.get("/villages/?q=bat+trang").get_data(as_text=True)
    assert "bat-trang" in names_on(page) and 'id="did-you-mean"' not in page


def test_nothing_close_still_says_nothing_matches(client, seeded):
    page = client.get("/villages/?q=qqxyzw").get_data(as_text=True)
    assert names_on(page) == [] and 'id="did-you-mean"' not in page
    assert "No village matches your search" in page


def test_close_matches_keep_the_other_filters(client, seeded):
    page = client.get("/villages/?q=battrang&craft=silk-weaving").get_data(as_text=True)
    assert "bat-trang" not in names_on(page)


def test_the_results_map_shows_every_mapped_result(client, seeded):
    page = client.get("/villages/?q=gom&per_page=1").get_data(as_text=True)
    assert len(names_on(page)) == 1
    assert {"bat-trang", "kim-lan"} <= set(results_on_map(page))


def test_the_results_map_shows_close_matches_too(client, seeded):
    page = client.get("/villages/?q=vanphuc").get_data(as_text=True)
    assert "van-phuc" in results_on_map(page)


@pytest.mark.postgres
def test_postgresql_measures_closeness_with_pg_trgm(app, db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the pg_trgm extension is a PostgreSQL matter")
    assert db.session.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")) == 1


@pytest.mark.parametrize(
    ("query", "document", "run"),
    [
        ("battrang", "lang gom su bat trang bat trang ceramic village", "bat trang"),
        ("bat trag", "Làng gốm sứ Bát Tràng", "Bát Tràng"),
        ("van phu", "Làng lụa Vạn Phúc", "Vạn Phúc"),
    ],
)
def test_closest_run_keeps_the_document_spelling(query, document, run):
    score, found = search.closest_run(query, document)
    assert found == run and score >= search.SIMILAR_ENOUGH


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [("battrang", "bat trang", 7 / 12), ("bat trag", "bat trang", 7 / 12), ("gom", "lua", 0.0)],
)
def test_similarity_is_pg_trgm_similarity(left, right, expected):
    """The same numbers PostgreSQL's similarity() gives for these pairs."""
    assert search.similarity(search.trigrams(left), search.trigrams(right)) == pytest.approx(
        expected
    )


def test_the_workshops_list_forgives_too(client, seeded, db):
    from sqlalchemy import select

    from app.villages.models import Village
    from tests.factories import make_experience

    village = db.session.scalar(select(Village).where(Village.slug == "bat-trang"))
    experience = make_experience(village=village, title_en="Throw a pot", title_vi="Vuốt gốm")
    experience.search_text = "throw a pot vuot gom lang gom su bat trang bat trang ceramic village"
    db.session.commit()
    page = client.get("/workshops/?q=battrang").get_data(as_text=True)
    assert did_you_mean(page) == "Bat Trang" and "Throw a pot" in page
    assert did_you_mean(client.get("/workshops/?q=pot").get_data(as_text=True)) is None
