"""`flask slots generate`: keep every weekly rule opened weeks ahead (run it daily)."""

import click
from flask.cli import AppGroup

from app.errors import AppError
from app.experiences import slots
from app.timeutil import utcnow

slots_cli = AppGroup("slots", help="Workshop slots.")


@slots_cli.command("generate")
@click.option("--weeks", default=8, show_default=True, help="How many weeks ahead to open.")
def generate(weeks: int) -> None:
    """Open the missing slots of every active weekly rule; booked slots are never touched."""
    try:
        rules, created = slots.generate_all(utcnow(), weeks_ahead=weeks)
    except AppError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"slots: {created} opened from {rules} rules, {weeks} weeks ahead")
