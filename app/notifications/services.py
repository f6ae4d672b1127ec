"""One door for email. A message is an outbox row written in the caller's write transaction;
after that commits, `deliver_pending()` (registered as after-commit work) sends it by SMTP when
MAIL_SERVER is set. Without a mail server the outbox row and a log line are the record (tests
read the outbox)."""

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import OutboxMessage
from app.timeutil import utcnow
from app.transactions import after_commit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: str


def queue_email(
    recipient: str,
    subject: str,
    body: str,
    *,
    kind: str = "",
    html: str = "",
    attachment: Attachment | None = None,
) -> OutboxMessage:
    """Add an outbox row in the current write transaction; it is delivered once that commits
    (never if it rolls back). `html`, when given, is the same message as HTML (an alternative
    to `body`)."""
    subject = " ".join(str(subject).split())  # no CR/LF: a header must stay one line
    message = OutboxMessage(
        recipient=recipient, subject=subject[:300], body=body, html_body=html, kind=kind
    )
    if attachment is not None:
        message.attachment_name = attachment.filename
        message.attachment_type = attachment.content_type
        message.attachment_body = attachment.content
    db.session.add(message)
    after_commit(deliver_pending)
    if not current_app.config["MAIL_SERVER"]:
        log.info("outbox: %s to %s", subject, recipient)
    return message


def deliver_pending() -> int:
    """Send every unsent outbox row by SMTP; a no-op without MAIL_SERVER. Returns rows tried."""
    if not current_app.config["MAIL_SERVER"]:
        return 0
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.sent_at.is_(None), OutboxMessage.error == "")
    ).all()
    for message in messages:
        _send_smtp(message)
    db.session.commit()
    return len(messages)


def _send_smtp(message: OutboxMessage) -> None:
    """Send one message; any failure is recorded on the row, so it never blocks the others."""
    try:
        email = _build(message)
        config = current_app.config
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(email)
        message.sent_at = utcnow()
    except (OSError, ValueError, smtplib.SMTPException) as error:
        log.warning("could not send outbox #%s: %s", message.id, error)
        message.error = str(error)[:500] or error.__class__.__name__


def _build(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    if message.attachment_name:
        maintype, subtype = message.attachment_type.split("/", 1)
        email.add_attachment(
            message.attachment_body.encode(),
            maintype=maintype,
            subtype=subtype,
            filename=message.attachment_name,
        )
    return email
