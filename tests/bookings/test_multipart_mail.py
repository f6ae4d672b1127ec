"""Booking emails leave by SMTP as one message with a text and an HTML alternative and the
calendar file attached, rebuilt from the outbox row (the row is the message)."""

import email
from email import policy

from sqlalchemy import select

from app.notifications.models import OutboxMessage
from tests.factories import make_slot
from tests.smtpsink import SmtpSink

CONTACT = {"name": "Mai", "email": "mai@example.com", "phone": "0912 345 678"}


def test_a_booking_email_is_multipart_with_its_calendar_file(app, db, client, monkeypatch):
    slot = make_slot()
    db.session.commit()
    with SmtpSink() as sink:
        monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
        monkeypatch.setitem(app.config, "MAIL_PORT", sink.port)
        monkeypatch.setitem(app.config, "MAIL_USE_TLS", False)
        client.post(
            "/api/v1/bookings",
            json={"slot_ids": [slot.id], "adults": 2, "contact": CONTACT},
            headers={"Accept-Language": "vi"},
        )
    guest = next(
        email.message_from_string(raw, policy=policy.default)
        for raw in sink.messages
        if "mai@example.com" in raw.split("\n\n", 1)[0]
    )
    assert guest.get_content_type() == "multipart/mixed"
    alternative = next(part for part in guest.iter_parts() if part.is_multipart())
    kinds = [part.get_content_type() for part in alternative.iter_parts()]
    assert kinds == ["text/plain", "text/html"]  # mail programs show the last they can
    text, html = (part.get_content().replace("\r\n", "\n") for part in alternative.iter_parts())
    row = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == CONTACT["email"])
    )
    assert text.strip() == row.body.strip() and html.strip() == row.html_body.strip()
    attachment = next(guest.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename().endswith(".ics")
