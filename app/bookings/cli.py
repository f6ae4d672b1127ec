"""`flask bookings expire` and `flask bookings remind` (run them from cron)."""

import click
from flask.cli import AppGroup

from app.bookings import services
from app.timeutil import utcnow

bookings_cli = AppGroup("bookings", help="Booking holds and reminders.")


@bookings_cli.command("expire")
def expire() -> None:
    """Lapse pending holds past BOOKING_HOLD_HOURS and free their places."""
    click.echo(f"bookings: {services.expire_holds(utcnow())} holds lapsed")


@bookings_cli.command("remind")
def remind() -> None:
    """Email guests whose confirmed workshop is tomorrow (24-48 h ahead), once each."""
    click.echo(f"bookings: {services.send_reminders(utcnow())} reminders sent")
