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
@click.argument("query")
@PATH_ARGUMENT
@click.option("--community", default=None, help="Only members and leads of this community.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most people."
)
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
def experts(
    query: str, path: Path | None, community: str | None, limit: int, output_format: str
) -> None:
    """Rank people who could answer QUERY, with the skills and practices that matched."""
    from copkit.commands import experts as command

    sys.exit(
        command.run(query, path, community=community, limit=limit, output_format=output_format)
    )


@cli.command()
@PATH_ARGUMENT
@click.option(
    "--capacity",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Most mentees per mentor.",
)
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
def mentors(path: Path | None, capacity: int, output_format: str) -> None:
    """Propose mentor / mentee pairs: an optimal matching of what people offer and seek."""
    from copkit.commands import mentors as command

    sys.exit(command.run(path, capacity=capacity, output_format=output_format))


@cli.command()
@PATH_ARGUMENT
@click.option(
    "--min-holders",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Members a community needs per skill, at working level or above.",
)
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
def gaps(path: Path | None, min_holders: int, output_format: str) -> None:
    """Skills communities need that too few members hold, and skills only one person holds."""
    from copkit.commands import gaps as command

    sys.exit(command.run(path, min_holders=min_holders, output_format=output_format))


@cli.command()
@PATH_ARGUMENT
@click.option("--format", "output_format", type=FORMATS, default="text", show_default=True)
def network(path: Path | None, output_format: str) -> None:
    """Knowledge brokers, silo communities, suggested communities and whom to invite."""
    from copkit.commands import network as command

    sys.exit(command.run(path, output_format=output_format))


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
