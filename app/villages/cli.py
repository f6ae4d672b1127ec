"""`flask villages import FILE.csv` and `flask villages export [-o FILE]`."""

from pathlib import Path

import click
from flask.cli import AppGroup

from app.errors import AppError
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
