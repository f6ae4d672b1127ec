"""Diacritic- and case-insensitive matching for Vietnamese text (plain Python).

We fold both the stored text and the query to plain lower-case ASCII-ish letters, so that
"bat trang", "BÁT TRÀNG" and "Bát Tràng" meet on SQLite and PostgreSQL alike without any
database extension.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_EXTRA_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case `text` and strip every diacritic (đ becomes d)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_LETTERS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare.casefold()).strip()


def query_terms(query: str, limit: int = 8) -> list[str]:
    """The folded words of a search box entry; every one must match."""
    return [term for term in fold(query).split(" ") if term][:limit]


def search_document(*parts: str) -> str:
    """The folded text we store beside a row and match terms against."""
    return fold(" ".join(part for part in parts if part))


#: How close a search must come to a row (0..1, trigram similarity to some run of its words)
#: to be offered when nothing matches exactly; PostgreSQL's strict_word_similarity is the same
#: measure, so both databases offer the same rows.
SIMILAR_ENOUGH = 0.45
_WORDS = re.compile(r"[0-9a-z]+")


def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams of folded `text`: each word padded with two spaces before, one after."""
    grams = set()
    for word in _WORDS.findall(fold(text)):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(left: frozenset[str], right: frozenset[str]) -> float:
    """Shared trigrams over all trigrams (pg_trgm's `similarity`)."""
    union = len(left | right)
    return len(left & right) / union if union else 0.0


def closest_run(query: str, document: str) -> tuple[float, str]:
    """The run of whole words of `document` most similar to `query`, with its similarity
    (pg_trgm's `strict_word_similarity`, over runs up to two words longer than the query).
    The run keeps the document's own spelling, so it can be offered as "did you mean"."""
    wanted = trigrams(query)
    words = document.split()
    longest = len(query.split()) + 2
    best = (0.0, "")
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + longest) + 1):
            run = " ".join(words[start:end])
            score = similarity(wanted, trigrams(run))
            if score > best[0]:
                best = (score, run)
    return best


def could_be_similar(wanted: frozenset[str], document: frozenset[str]) -> bool:
    """A cheap bound: no run of a document can be closer than its share of the query's
    trigrams, so most rows are ruled out before their runs are compared."""
    return bool(wanted) and len(wanted & document) / len(wanted) >= SIMILAR_ENOUGH
