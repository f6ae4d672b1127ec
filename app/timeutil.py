"""Clock and time-zone helpers: we store UTC and show Hanoi time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(UTC)


def to_local(moment: datetime, zone: ZoneInfo = HANOI) -> datetime:
    """The same instant seen on a wall clock in `zone` (Hanoi unless said otherwise)."""
    if moment.tzinfo is None:
        raise ValueError("to_local needs an aware datetime")
    return moment.astimezone(zone)
