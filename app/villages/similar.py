"""Search that forgives: when no village matches a search exactly, the villages that come close
("battrang", "bat trag" -> Bát Tràng), best first, and the name the visitor probably meant.

PostgreSQL with pg_trgm measures closeness in SQL (`strict_word_similarity`); elsewhere (SQLite,
or a server where the extension could not be created) `search.closest_run` computes the same
measure in Python over the folded search text of the villages, which is small.
"""

from collections import OrderedDict
from dataclasses import replace

from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.i18n import tr
from app.villages import search
from app.villages.models import Village
from app.villages.services import Page, VillageFilters, _filtered, check_paging, data_version

MAX_RESULTS = 500
_has_pg_trgm: dict[str, bool] = {}
_documents: OrderedDict[tuple, dict[int, frozenset[str]]] = OrderedDict()


def similar_villages(filters: VillageFilters, page: int, per_page: int) -> tuple[Page, list[int]]:
    """A page of the villages closest to `filters.q` (the other filters still apply), and the
    ids of all of them (for the results map)."""
    check_paging(page, per_page)
    query = search.fold(filters.q)
    scored = _scored_in_sql(query, filters) if _trigrams_in_sql() else _scored_here(query, filters)
    ids = [village_id for village_id, _score in scored]
    chosen = ids[(page - 1) * per_page : page * per_page]
    rows = db.session.scalars(
        select(Village)
        .where(Village.id.in_(chosen or [-1]))
        .options(selectinload(Village.crafts), selectinload(Village.products))
    )
    by_id = {village.id: village for village in rows}
    items = [by_id[village_id] for village_id in chosen if village_id in by_id]
    return Page(items=items, total=len(ids), page=page, per_page=per_page), ids


def closest_name(query: str) -> str:
    """The village name `query` comes closest to ("battrang" -> "Bát Tràng"), or ""."""
    page, _ids = similar_villages(VillageFilters(q=query), 1, 1)
    return meant(query, page.items[0]) if page.items else ""


def meant(query: str, village: Village) -> str:
    """What the visitor probably meant: the run of the village's name closest to `query`, in
    the page's language ("Bát Tràng"), else its whole name."""
    names = [tr(village, "name"), village.name_vi, village.name_en]
    runs = [search.closest_run(query, name) for name in names]
    score, run = max(runs, key=lambda found: found[0])  # the page's language wins a tie
    return run.strip(" ,.;:()") if score >= search.SIMILAR_ENOUGH else tr(village, "name")


def _scored_in_sql(query: str, filters: VillageFilters) -> list[tuple[int, float]]:
    score = func.strict_word_similarity(query, Village.search_text)
    rows = db.session.execute(
        _filtered(select(Village.id, score), replace(filters, q=""))
        .where(score >= search.SIMILAR_ENOUGH)
        .order_by(score.desc(), Village.slug)
        .limit(MAX_RESULTS)
    )
    return [(row[0], float(row[1])) for row in rows]


def _scored_here(query: str, filters: VillageFilters) -> list[tuple[int, float]]:
    wanted = search.trigrams(query)
    documents = _trigram_documents()
    rows = db.session.execute(
        _filtered(select(Village.id, Village.slug, Village.search_text), replace(filters, q=""))
    )
    scored = []
    for village_id, slug, document in rows:
        if not search.could_be_similar(wanted, documents.get(village_id, frozenset())):
            continue
        score, _run = search.closest_run(query, document)
        if score >= search.SIMILAR_ENOUGH:
            scored.append((-score, slug, village_id))
    return [(village_id, -score) for score, _slug, village_id in sorted(scored)][:MAX_RESULTS]


def _trigram_documents() -> dict[int, frozenset[str]]:
    """Every published village's trigrams, kept per process while the data is unchanged."""
    key = (str(db.engine.url), data_version())
    if key not in _documents:
        rows = db.session.execute(select(Village.id, Village.search_text))
        _documents[key] = {village_id: search.trigrams(doc) for village_id, doc in rows}
        while len(_documents) > 4:
            _documents.popitem(last=False)
    return _documents[key]


def _trigrams_in_sql() -> bool:
    """True on PostgreSQL when the pg_trgm extension is installed (checked once per database)."""
    if db.engine.dialect.name != "postgresql":
        return False
    url = str(db.engine.url)
    if url not in _has_pg_trgm:
        found = db.session.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        _has_pg_trgm[url] = found is not None
    return _has_pg_trgm[url]
