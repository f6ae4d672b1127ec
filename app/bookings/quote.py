"""What the booking form shows before anything is booked: each item's price for the party, the
total, and which items confirm at once. The page's script recomputes the same sums live; this
is the truth without JavaScript (and after a refused post)."""

from dataclasses import dataclass
from datetime import datetime

from app.experiences.models import Slot
from app.experiences.rules import party_price
from app.operators.models import Departure


@dataclass(frozen=True)
class Line:
    activity: object  # the slot's experience or the departure's tour
    starts_at: datetime
    cutoff_at: datetime
    remaining: int
    price: int
    slot: Slot | None = None


@dataclass(frozen=True)
class Quote:
    lines: list[Line]
    adults: int
    children: int

    @property
    def total(self) -> int:
        return sum(line.price for line in self.lines)

    @property
    def instant(self) -> int:
        """How many items confirm at once."""
        return sum(line.activity.confirmation_mode == "instant" for line in self.lines)

    @property
    def on_request(self) -> int:
        return len(self.lines) - self.instant


def for_form(
    slots: list[Slot], departure: Departure | None, adults: int | None, children: int | None
) -> Quote:
    """The quote for the party the form holds (a missing or negative count counts as 0)."""
    adults, children = max(adults or 0, 0), max(children or 0, 0)
    occurrences = [departure] if departure is not None else slots
    lines = []
    for occurrence in occurrences:
        activity = occurrence.tour if departure is not None else occurrence.experience
        price = party_price(adults, children, activity.price_adult_vnd, activity.price_child_vnd)
        lines.append(
            Line(
                activity=activity,
                starts_at=occurrence.starts_at,
                cutoff_at=occurrence.cutoff_at,
                remaining=occurrence.remaining,
                price=price,
                slot=None if departure is not None else occurrence,
            )
        )
    return Quote(lines, adults, children)
