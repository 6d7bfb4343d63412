"""The ``copkit`` command line. Each command parses its options and calls one function."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from copkit import __version__

FORMATS = click.Choice(["text", "json"])
PATH_ARGUMENT = click.argument(
    "path",
    required=False,
    type=click.Path(path_type=Path, file_okay=False),
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copkit")
def cli() -> None:
    """Communities of practice as code: validate, lint, score and publish them."""


@cli.command()
@PATH_ARGUMENT
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
def validate(path: Path | None, output_format: str) -> None:
    """Check every file of the repository at PATH against the schemas and resolve references.

    Exits 0 when everything is valid, 1 when anything is invalid, 2 on a usage error.
    """
    from copkit.commands import validate as command

    sys.exit(command.run(path, output_format))


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schemas to.",
)
@click.option("--check", is_flag=True, help="Exit 1 when the files on disk differ from the models.")
def schema(out: Path, check: bool) -> None:
    """Write one JSON Schema per kind (draft 2020-12), generated from the models."""
    from copkit.commands import schema as command

    sys.exit(command.run(out, check=check))


@cli.command()
@PATH_ARGUMENT
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to build the site into (default: site_dir of site/mkdocs.yml).",
)
@click.option("--strict", is_flag=True, help="Stop on invalid data and on any MkDocs warning.")
def build(path: Path | None, site_dir: Path | None, strict: bool) -> None:
    """Build the knowledge site of the repository at PATH with MkDocs, atomically."""
    from copkit.commands import build as command

    sys.exit(command.run(path, site_dir, strict=strict))


@cli.command()
@PATH_ARGUMENT
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True)
@click.option("--strict", is_flag=True, help="Stop on invalid data and on any MkDocs warning.")
def serve(path: Path | None, dev_addr: str, strict: bool) -> None:
    """Serve the knowledge site locally; it rebuilds when a YAML file changes."""
    from copkit.commands import serve as command

    sys.exit(command.run(path, dev_addr, strict=strict))


@cli.command()
@PATH_ARGUMENT
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the Markdown pages and assets to (replaced).",
)
def render(path: Path | None, out: Path) -> None:
    """Write the site's pages as plain Markdown, for any static-site generator."""
    from copkit.commands import render as command

    sys.exit(command.run(path, out))


def main() -> None:
    """Entry point: run the CLI and turn expected failures into one-line messages."""
    from copkit.loader import UsageError

    try:
        cli(standalone_mode=True)
    except UsageError as error:
        click.echo(f"copkit: error: {error}", err=True)
        sys.exit(2)
    except OSError as error:
        if os.environ.get("COPKIT_DEBUG"):
            raise
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"copkit: error: {where}{error.strerror or error}", err=True)
        sys.exit(1)
