"""`flask seed`, plus each feature's command group."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.errors import AppError


def register(app: Flask) -> None:
    from app.accounts.cli import users_cli
    from app.villages.cli import villages_cli

    app.cli.add_command(seed)
    app.cli.add_command(villages_cli)
    app.cli.add_command(users_cli)


def data_dir() -> Path:
    return Path(current_app.root_path).parent / "data"


@click.command("seed")
@with_appcontext
def seed() -> None:
    """Load the Hanoi villages from data/ (idempotent: a second run changes nothing)."""
    from app.villages import importing

    try:
        report = importing.import_villages_file(data_dir() / "hanoi_craft_villages.csv")
    except AppError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"villages: {report}")
