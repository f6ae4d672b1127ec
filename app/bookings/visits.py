"""Everything a guest needs to get to one booked item, in their language: what and when, where
to meet (with its point and "Directions" links), whom to call, what to bring, the cancellation
terms. The confirmation page, every booking email and the calendar file read these."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from app.bookings.models import BookingItem, in_time_order
from app.directions import directions
from app.i18n import tr

STATUS_LABELS = {
    "pending": _l("waiting for the host"),
    "confirmed": _l("confirmed"),
    "declined": _l("declined"),
    "cancelled": _l("cancelled"),
    "expired": _l("lapsed"),
    "completed": _l("completed"),
}


@dataclass(frozen=True)
class Visit:
    item: BookingItem
    title: str
    place: str  # the village, or a tour's villages
    is_workshop: bool
    starts_at: datetime
    ends_at: datetime
    cutoff_at: datetime
    meeting_point: str
    geo: tuple[float, float] | None
    directions: list[tuple[str, str]]
    phone: str
    bring: str
    included: str
    cutoff_hours: int

    @property
    def status(self) -> str:
        return self.item.status

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.item.status, self.item.status))

    @property
    def is_live(self) -> bool:
        return self.item.status in ("pending", "confirmed")


def visit(item: BookingItem) -> Visit | None:
    """The guest's view of one item; None when its slot or departure is gone."""
    activity = item.activity
    if activity is None:
        return None
    workshop = item.slot is not None
    geo = activity.meeting_geo
    meeting = activity.meeting_point_or_village
    return Visit(
        item=item,
        title=tr(activity, "title"),
        place=visit_place(item),
        is_workshop=workshop,
        starts_at=item.when,
        ends_at=item.ends,
        cutoff_at=item.cutoff_at,
        meeting_point=meeting,
        geo=geo,
        directions=directions(*geo, meeting) if geo else [],
        phone=activity.village.contact_phone if workshop else activity.contact_phone,
        bring=tr(activity, "bring"),
        included=tr(activity, "included" if workshop else "inclusions"),
        cutoff_hours=activity.cutoff_hours,
    )


def visits(items: list[BookingItem]) -> list[Visit]:
    """The items as the guest lives them (time order), skipping any whose slot is gone."""
    found = (visit(item) for item in in_time_order(items))
    return [found_visit for found_visit in found if found_visit is not None]


def visit_place(item: BookingItem) -> str:
    """The village of a workshop, or the villages of a tour's route."""
    if item.slot is not None:
        return tr(item.slot.experience.village, "name")
    return ", ".join(dict.fromkeys(tr(stop.village, "name") for stop in item.departure.tour.stops))
