"""Booking emails: multipart (text and HTML, from templates/emails/), in the recipient's
language, each guest email with an ICS file of the booked items. The outbox row keeps both
bodies and the attachment: it is the message."""

from datetime import datetime

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event
from sqlalchemy import select

from app.accounts.models import User, VillageHost
from app.bookings.models import Booking, BookingItem, in_time_order
from app.bookings.visits import STATUS_LABELS, Visit, visit, visits
from app.extensions import db
from app.i18n import tr
from app.notifications import services as outbox
from app.notifications.services import Attachment
from app.timeutil import utcnow
from app.urls import external_url

__all__ = ["STATUS_LABELS", "booking_ics", "manage_link", "notify_guest", "notify_hosts"]

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
    """Queue one email to the guest about `items` (all items when None), in time order."""
    items = in_time_order(booking.items if items is None else items)
    link = manage_link(booking, token)
    with force_locale(booking.language):
        context = _guest_context(booking, kind, token, note, items)
        subject = SUBJECTS[kind](booking.reference)
        text = render_template("emails/booking.txt", **context)
        html = render_template("emails/booking.html", subject=subject, **context)
        ics = booking_ics(booking, items, link)
    outbox.queue_email(
        booking.contact_email,
        subject,
        text,
        html=html,
        kind=f"booking_{kind}",
        attachment=Attachment(f"{booking.reference}.ics", "text/calendar", ics),
    )


def _guest_context(booking: Booking, kind: str, token: str, note: str, items) -> dict:
    """What the guest's email templates show (built in the guest's language)."""
    return {
        "booking": booking,
        "kind": kind,
        "note": note,
        "visits": visits(items),
        "manage_url": manage_link(booking, token),
        "calendar_url": external_url("bookings.calendar", reference=booking.reference, token=token),
        "hold_hours": current_app.config["BOOKING_HOLD_HOURS"],
        "status_labels": STATUS_LABELS,
    }


def manage_link(booking: Booking, token: str) -> str:
    """The guest's private page for the booking (the token is the key)."""
    return external_url("bookings.manage", reference=booking.reference, token=token)


HOST_EVENTS = {"new": _l("New booking"), "cancelled": _l("Cancelled"), "moved": _l("Moved")}


def notify_hosts(booking: Booking, items: list[BookingItem], event: str) -> None:
    """Tell each village's hosts (or the tour's operator) about new, cancelled or moved
    bookings on their slots, each in their own language."""
    for item in items:
        for user in _answerers(item):
            with force_locale(user.language or "vi"):
                context = {"booking": booking, "visit": visit(item), "event": event,
                           "link": _answerer_link(item), "places": item.places}  # fmt: skip
                subject = _(
                    "%(kind)s: %(ref)s, %(title)s",
                    kind=HOST_EVENTS[event],
                    ref=booking.reference,
                    title=tr(item.activity, "title"),
                )
                text = render_template("emails/host_booking.txt", **context)
                html = render_template("emails/host_booking.html", subject=subject, **context)
            outbox.queue_email(user.email, subject, text, html=html, kind=f"host_{event}")


def _answerer_link(item: BookingItem) -> str:
    """Where the answerer acts on the item: the departure's manifest for an operator (confirm,
    decline, check in), the requests inbox for a village host."""
    if item.departure_id is not None:
        return external_url("departures.manifest", departure_id=item.departure_id)
    return external_url("bookings_host.inbox")


def _answerers(item: BookingItem) -> list[User]:
    """The village's hosts for a workshop item, the operator's members for a departure."""
    if item.departure is not None:
        query = select(User).where(User.operator_id == item.departure.tour.operator_id)
    else:
        query = (
            select(User)
            .join(VillageHost)
            .where(VillageHost.village_id == item.slot.experience.village_id)
        )
    return list(db.session.scalars(query.order_by(User.id)))


def booking_ics(
    booking: Booking, items: list[BookingItem], link: str, now: datetime | None = None
) -> str:
    """An iCalendar file with one event per item (cancelled ones marked so): what, where to
    meet, the booking reference and the manage link, in the guest's language."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lang Nghe//bookings//EN")
    calendar.add("version", "2.0")
    for found in visits(items):
        calendar.add_component(_item_event(booking, found, link, now or utcnow()))
    return calendar.to_ical().decode()


def _item_event(booking: Booking, found: Visit, link: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{booking.reference}-{found.item.id}@langnghe")
    event.add("summary", f"{found.title} — {found.place}")
    event.add("dtstart", found.starts_at)
    event.add("dtend", found.ends_at)
    event.add("dtstamp", now)
    event.add("location", found.meeting_point)
    if found.geo is not None:
        event.add("geo", found.geo)
    event.add("url", link)
    event.add("description", "\n".join(_visit_lines(booking, found, link)))
    event.add("status", ICS_STATUS.get(found.status, "TENTATIVE"))
    return event


ICS_STATUS = {"cancelled": "CANCELLED", "declined": "CANCELLED", "expired": "CANCELLED",
              "confirmed": "CONFIRMED", "completed": "CONFIRMED"}  # fmt: skip


def _visit_lines(booking: Booking, found: Visit, link: str) -> list[str]:
    kind = _("Workshop") if found.is_workshop else _("Tour")
    lines = [
        f"{kind}: {found.title}",
        (_("Village: %(place)s", place=found.place) if found.is_workshop
         else _("Route: %(place)s", place=found.place)),
        _("Meeting point: %(place)s", place=found.meeting_point),
    ]  # fmt: skip
    lines += [f"{_('Directions')} ({name}): {url}" for name, url in found.directions[:1]]
    if found.phone:
        lines.append(_("Phone: %(phone)s", phone=found.phone))
    if found.bring:
        lines.append(_("What to bring: %(what)s", what=found.bring))
    return lines + [
        _("Booking reference: %(ref)s", ref=booking.reference),
        _("Status: %(status)s", status=found.status_label),
        _("See, cancel or move your booking: %(link)s", link=link),
    ]
