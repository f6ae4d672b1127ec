"""`flask seed`, plus each feature's command group."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.errors import AppError


def register(app: Flask) -> None:
    from app.accounts.cli import users_cli
    from app.bookings.cli import bookings_cli
    from app.experiences.cli import slots_cli
    from app.villages.cli import villages_cli

    app.cli.add_command(seed)
    app.cli.add_command(villages_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(slots_cli)
    app.cli.add_command(bookings_cli)


def data_dir() -> Path:
    return Path(current_app.root_path).parent / "data"


@click.command("seed")
@with_appcontext
def seed() -> None:
    """Load the Hanoi villages, the curated routes and the demo accounts and workshops from
    data/ (idempotent)."""
    from app.demo import load_demo
    from app.itineraries.seed import load_routes
    from app.timeutil import utcnow
    from app.villages import importing

    try:
        report = importing.import_villages_file(data_dir() / "hanoi_craft_villages.csv")
        routes = load_routes(data_dir() / "routes.json")
        demo = load_demo(data_dir() / "demo_experiences.json", utcnow())
    except AppError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"villages: {report}")
    click.echo(f"routes: {routes} created")
    click.echo("demo: " + ", ".join(f"{count} {name}" for name, count in demo.items()))
