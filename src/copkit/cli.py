"""The ``copkit`` command line. Each command parses its options and calls one function."""

from __future__ import annotations

import datetime
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
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
@click.option("--community", metavar="ID", help="Score only this community.")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE|REF",
    help="Score as it was then: the files at that commit (or the last commit on or before "
    "that day) and history up to it.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Exit 1 when a community's overall score is below N (closed communities and "
    "unknown scores are not checked).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="The day to score as (default: today, UTC, or the --as-of commit's day); "
    "windows end on it.",
)
def score(
    path: Path | None,
    output_format: str,
    community: str | None,
    as_of: str | None,
    fail_under: float | None,
    today: datetime.datetime | None,
) -> None:
    """Health scores of each community at PATH, every number explained.

    Exits 0, or 1 when the repository is invalid or a score is under --fail-under,
    2 on a usage error.
    """
    from copkit.commands import score as command

    sys.exit(
        command.run(
            path,
            output_format=output_format,
            community=community,
            as_of=as_of,
            fail_under=fail_under,
            today=today.date() if today else None,
        )
    )


@cli.command()
@PATH_ARGUMENT
@click.option("--from", "from_ref", required=True, metavar="REF", help="The earlier commit.")
@click.option(
    "--to", "to_ref", default="HEAD", show_default=True, metavar="REF", help="The later commit."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)
def report(path: Path | None, from_ref: str, to_ref: str, output_format: str) -> None:
    """A review of each community between two commits: practices, people, metrics, scores."""
    from copkit.commands import report as command

    sys.exit(command.run(path, from_ref=from_ref, to_ref=to_ref, output_format=output_format))


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
