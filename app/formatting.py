"""How money and times look on a page: plain Python, used as Jinja filters."""

from datetime import datetime

from app.timeutil import HANOI, to_local


def vnd(amount: int | None) -> str:
    """Vietnamese đồng the way Vietnamese write it: `350.000 ₫`."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " ₫"


def local_time(moment: datetime | None, pattern: str = "%d/%m/%Y %H:%M") -> str:
    """An instant as Hanoi wall-clock time, always with its zone so nobody guesses."""
    if moment is None:
        return ""
    return f"{to_local(moment, HANOI).strftime(pattern)} (GMT+7)"


def local_clock(moment: datetime | None, pattern: str = "%H:%M") -> str:
    """Hanoi wall-clock text without the zone, for pages that state the zone once."""
    return "" if moment is None else to_local(moment, HANOI).strftime(pattern)
