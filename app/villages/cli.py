"""`flask villages import FILE.csv`, `flask villages export [-o FILE]` and
`flask villages geocode`."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.errors import AppError
from app.geocoding import services as geocoding
from app.geocoding.nominatim import CachedGeocoder, Settings
from app.timeutil import utcnow
from app.villages import importing

villages_cli = AppGroup("villages", help="Import and export villages in the data-file format.")


@villages_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(path: Path) -> None:
    """Check every row of PATH, then upsert all villages by slug (or import nothing)."""
    try:
        report = importing.import_villages_file(path)
    except AppError as error:
        details = "\n".join(f"  {where}: {what}" for where, what in error.fields.items())
        raise click.ClickException(f"{error.message}\n{details}".rstrip()) from None
    except UnicodeDecodeError:
        raise click.ClickException(f"{path} is not UTF-8 text; nothing imported.") from None
    click.echo(f"{path}: {report}")


@villages_cli.command("export")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def export_command(output: Path | None) -> None:
    """Write every village in the import format."""
    text = importing.export_villages_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{output}: {text.count(chr(10)) - 1} villages")


@villages_cli.command("geocode")
@click.option("--village", "slugs", multiple=True, help="Only this village (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="One line per village.")
def geocode_command(slugs: tuple[str, ...], verbose: bool) -> None:
    """Propose a better point for every village coarser than `village`; an admin reviews them
    at /admin/locations/ (nothing is moved here)."""
    geocoder = CachedGeocoder(Settings.from_config(current_app.config))
    try:
        report = geocoding.propose_locations(
            geocoder,
            now=utcnow(),
            slugs=list(slugs) or None,
            progress=click.echo if verbose else None,
        )
    except AppError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"{geocoder.service}: {report}")
