"""Booking emails, in the visitor's language, each with an ICS file of the booked items."""

from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event
from sqlalchemy import select

from app.accounts.models import User, VillageHost
from app.bookings.models import Booking, BookingItem, in_time_order
from app.extensions import db
from app.formatting import local_time, vnd
from app.i18n import tr
from app.notifications import services as outbox
from app.notifications.services import Attachment
from app.timeutil import utcnow
from app.urls import external_url

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
    """Queue one email to the guest about `items` (all items when None), in time order."""
    items = in_time_order(booking.items if items is None else items)
    link = manage_link(booking, token)
    with force_locale(booking.language):
        subject = SUBJECTS[kind](booking.reference)
        body = _guest_body(booking, items, link, note)
        ics = booking_ics(booking, items, link)
    outbox.queue_email(
        booking.contact_email,
        subject,
        body,
        kind=f"booking_{kind}",
        attachment=Attachment(f"{booking.reference}.ics", "text/calendar", ics),
    )


def manage_link(booking: Booking, token: str) -> str:
    """The guest's private page for the booking (the token is the key)."""
    return external_url("bookings.manage", reference=booking.reference, token=token)


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
                    link=_answerer_link(item),
                ),
                kind=f"host_{event}",
            )


def _answerer_link(item: BookingItem) -> str:
    """Where the answerer acts on the item: the departure's manifest for an operator (confirm,
    decline, check in), the requests inbox for a village host."""
    if item.departure_id is not None:
        return external_url("departures.manifest", departure_id=item.departure_id)
    return external_url("bookings_host.inbox")


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


def _guest_body(booking: Booking, items: list[BookingItem], link: str, note: str) -> str:
    lines = [_("Hello %(name)s,", name=booking.contact_name), ""]
    for item in items:
        activity = item.activity
        if activity is None:
            continue
        lines.append(
            f"- {tr(activity, 'title')} — {local_time(item.when)} — "
            f"{STATUS_LABELS[item.status]} — {vnd(item.price_vnd)}"
        )
        lines.append("  " + _("Meeting point: %(place)s", place=activity.meeting_point_or_village))
    if note:
        lines += ["", note]
    lines += ["", _("See, cancel or move your booking: %(link)s", link=link)]
    return "\n".join(lines)


def booking_ics(
    booking: Booking, items: list[BookingItem], link: str, now: datetime | None = None
) -> str:
    """An iCalendar file with one event per item (cancelled ones marked so): what, where to
    meet, the booking reference and the manage link, in the guest's language."""
    calendar = Calendar()
    calendar.add("prodid", "-//Lang Nghe//bookings//EN")
    calendar.add("version", "2.0")
    for item in in_time_order(items):
        if item.activity is not None:
            calendar.add_component(_item_event(booking, item, link, now or utcnow()))
    return calendar.to_ical().decode()


def _item_event(booking: Booking, item: BookingItem, link: str, now: datetime) -> Event:
    activity = item.activity
    meeting, geo = activity.meeting_point_or_village, activity.meeting_geo
    event = Event()
    event.add("uid", f"{booking.reference}-{item.id}@langnghe")
    event.add("summary", f"{tr(activity, 'title')} — {_visit_place(item)}")
    event.add("dtstart", item.when)
    event.add("dtend", item.ends)
    event.add("dtstamp", now)
    event.add("location", meeting)
    if geo is not None:
        event.add("geo", geo)
    event.add("url", link)
    event.add("description", "\n".join(_visit_lines(booking, item, link)))
    event.add("status", ICS_STATUS.get(item.status, "TENTATIVE"))
    return event


ICS_STATUS = {"cancelled": "CANCELLED", "declined": "CANCELLED", "expired": "CANCELLED",
              "confirmed": "CONFIRMED", "completed": "CONFIRMED"}  # fmt: skip


def _visit_place(item: BookingItem) -> str:
    """The village of a workshop, or the villages of a tour's route."""
    if item.slot is not None:
        return tr(item.slot.experience.village, "name")
    return ", ".join(dict.fromkeys(tr(stop.village, "name") for stop in item.departure.tour.stops))


def _visit_lines(booking: Booking, item: BookingItem, link: str) -> list[str]:
    activity = item.activity
    kind = _("Workshop") if item.slot is not None else _("Tour")
    return [
        f"{kind}: {tr(activity, 'title')}",
        (_("Village: %(place)s", place=_visit_place(item)) if item.slot is not None
         else _("Route: %(place)s", place=_visit_place(item))),
        _("Meeting point: %(place)s", place=activity.meeting_point_or_village),
        _("Booking reference: %(ref)s", ref=booking.reference),
        _("Status: %(status)s", status=STATUS_LABELS[item.status]),
        _("See, cancel or move your booking: %(link)s", link=link),
    ]  # fmt: skip
