"""How money and times look on a page: plain Python, used as Jinja filters.

Times go through Babel in the reader's language, so a Vietnamese page says "Thứ Hai 07/12" and
never strftime's English "Monday"; callers keep writing the short strftime patterns they know.
"""

import re
from datetime import datetime

from babel.dates import format_datetime

from app.timeutil import HANOI, to_local

#: strftime directives we use -> CLDR pattern letters (Babel's language-aware names).
_CLDR = {"%A": "EEEE", "%a": "EEE", "%B": "MMMM", "%b": "MMM", "%d": "dd", "%e": "d",
         "%m": "MM", "%Y": "y", "%y": "yy", "%H": "HH", "%M": "mm", "%%": "%"}  # fmt: skip
_TOKEN = re.compile(r"%.|[A-Za-z]+|[^%A-Za-z]+")


def vnd(amount: int | None) -> str:
    """Vietnamese đồng the way Vietnamese write it: `350.000 ₫`."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " ₫"


def cldr_pattern(pattern: str) -> str:
    """A strftime pattern as a CLDR one; letters outside directives are quoted literals."""
    parts = []
    for token in _TOKEN.findall(pattern):
        if token.startswith("%"):
            if token not in _CLDR:
                raise ValueError(f"unsupported time directive {token!r}")
            parts.append(_CLDR[token])
        elif token[0].isalpha():
            parts.append("'" + token + "'")
        else:
            parts.append(token.replace("'", "''"))
    return "".join(parts)


def local_time(
    moment: datetime | None, pattern: str = "%d/%m/%Y %H:%M", language: str = "en"
) -> str:
    """An instant as Hanoi wall-clock time, always with its zone so nobody guesses."""
    if moment is None:
        return ""
    return f"{local_clock(moment, pattern, language)} (GMT+7)"


def local_clock(moment: datetime | None, pattern: str = "%H:%M", language: str = "en") -> str:
    """Hanoi wall-clock text without the zone, for pages that state the zone once."""
    if moment is None:
        return ""
    return format_datetime(to_local(moment, HANOI), cldr_pattern(pattern), locale=language)


def duration(minutes: int, hour: str = "h", minute: str = "min") -> str:
    """`150` -> `2 h 30 min`; the unit words come translated from the caller."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} {minute}"
    return f"{hours} {hour}" + (f" {rest:02d} {minute}" if rest else "")
