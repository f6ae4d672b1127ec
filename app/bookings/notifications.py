"""Booking emails, in the visitor's language, each with an ICS file of the booked items."""

from datetime import datetime

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event
from sqlalchemy import select

from app.accounts.models import User, VillageHost
from app.bookings.models import Booking, BookingItem
from app.extensions import db
from app.formatting import local_time, vnd
from app.notifications import services as outbox
from app.notifications.services import Attachment
from app.timeutil import utcnow

STATUS_LABELS = {
    "pending": _l("waiting for the host"),
    "confirmed": _l("confirmed"),
    "declined": _l("declined"),
    "cancelled": _l("cancelled"),
    "expired": _l("lapsed"),
    "completed": _l("completed"),
}
SUBJECTS = {
    "requested": lambda ref: _("Booking %(ref)s received", ref=ref),
    "confirmed": lambda ref: _("Booking %(ref)s confirmed", ref=ref),
    "declined": lambda ref: _("Booking %(ref)s declined", ref=ref),
    "cancelled": lambda ref: _("Booking %(ref)s cancelled", ref=ref),
    "moved": lambda ref: _("Booking %(ref)s moved", ref=ref),
    "expired": lambda ref: _("Booking %(ref)s: request lapsed", ref=ref),
    "reminder": lambda ref: _("Tomorrow: your workshop (%(ref)s)", ref=ref),
}


def notify_guest(
    booking: Booking, kind: str, token: str, note: str = "", items: list[BookingItem] | None = None
) -> None:
    """Queue one email to the guest about `items` (all items when None)."""
    items = booking.items if items is None else items
    with force_locale(booking.language):
        subject = SUBJECTS[kind](booking.reference)
        body = _guest_body(booking, items, token, note)
    outbox.queue_email(
        booking.contact_email,
        subject,
        body,
        kind=f"booking_{kind}",
        attachment=Attachment(
            f"{booking.reference}.ics", "text/calendar", booking_ics(booking, items)
        ),
    )


HOST_EVENTS = {"new": _l("New booking"), "cancelled": _l("Cancelled"), "moved": _l("Moved")}


def notify_hosts(booking: Booking, items: list[BookingItem], event: str) -> None:
    """Tell each village's hosts about new, cancelled or moved bookings on their slots."""
    for item in items:
        for email in _answerer_emails(item):
            outbox.queue_email(
                email,
                _(
                    "%(kind)s: %(ref)s, %(title)s",
                    kind=HOST_EVENTS[event],
                    ref=booking.reference,
                    title=item.activity.title_vi,
                ),
                _(
                    "%(name)s, %(places)d people, %(when)s.\n\n%(link)s",
                    name=booking.contact_name,
                    places=item.places,
                    when=local_time(item.when),
                    link=url_for("bookings_host.inbox", _external=True),
                ),
                kind=f"host_{event}",
            )


def _answerer_emails(item: BookingItem) -> list[str]:
    """The village's hosts for a workshop item, the operator's members for a departure."""
    if item.departure is not None:
        query = select(User.email).where(User.operator_id == item.departure.tour.operator_id)
    else:
        query = (
            select(User.email)
            .join(VillageHost)
            .where(VillageHost.village_id == item.slot.experience.village_id)
        )
    return list(db.session.scalars(query))


def _guest_body(booking: Booking, items: list[BookingItem], token: str, note: str) -> str:
    lines = [_("Hello %(name)s,", name=booking.contact_name), ""]
    for item in items:
        activity = item.activity
        lines.append(
            f"- {activity.title_vi if booking.language == 'vi' else activity.title_en}"
            f" — {local_time(item.when)} — {STATUS_LABELS[item.status]} — "
            f"{vnd(item.price_vnd)}"
        )
    if note:
        lines += ["", note]
    link = url_for("bookings.manage", reference=booking.reference, token=token, _external=True)
    lines += ["", _("See, cancel or move your booking: %(link)s", link=link)]
    return "\n".join(lines)


def booking_ics(booking: Booking, items: list[BookingItem], now: datetime | None = None) -> str:
    """An iCalendar file with one event per item (cancelled ones marked so)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lang Nghe//bookings//EN")
    calendar.add("version", "2.0")
    for item in items:
        activity = item.activity
        event = Event()
        event.add("uid", f"{booking.reference}-{item.id}@langnghe")
        event.add("summary", f"{activity.title_en} / {activity.title_vi}")
        event.add("dtstart", item.when)
        event.add("dtend", item.ends)
        event.add("dtstamp", now or utcnow())
        event.add("location", activity.meeting_point_or_village)
        event.add(
            "status",
            "CANCELLED"
            if item.status in ("cancelled", "declined", "expired")
            else "CONFIRMED"
            if item.status == "confirmed"
            else "TENTATIVE",
        )
        calendar.add_component(event)
    return calendar.to_ical().decode()
