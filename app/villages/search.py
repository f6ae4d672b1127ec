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
