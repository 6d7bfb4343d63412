"""The ``copkit`` command line. Each command parses its options and calls one function."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

FORMATS = click.Choice(["text", "json"])
F = TypeVar("F", bound=Callable[..., Any])
PATH_ARGUMENT = click.argument(
    "path",
    required=False,
    type=click.Path(path_type=Path, file_okay=False),
)


_RULE_OPTIONS = (
    click.option(
        "--fail-on",
        type=click.Choice(["error", "warning", "info"]),
        default="error",
        show_default=True,
        help="Exit 1 when a finding is at least this severe.",
    ),
    click.option("--base", metavar="REF", help="Pull-request mode: compare with the merge base."),
    click.option("--changed-only", is_flag=True, help="With --base: report only changed files."),
    click.option(
        "--select", multiple=True, metavar="CODES", help="Rules to run (codes, prefixes)."
    ),
    click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to run."),
    click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Judge dates as of this day (YYYY-MM-DD), for reproducible runs.",
    ),
    click.option(
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write the report to this file instead of standard output.",
    ),
)


def _print_version(context: click.Context, value: bool) -> None:
    """``--version``: the installed version, read only when asked for (as click's option)."""
    if not value or context.resilient_parsing:
        return
    import copkit

    click.echo(f"copkit, version {copkit.__version__}")
    context.exit()


def rule_options(command: F) -> F:
    """The options ``lint`` and ``check`` share, in one place."""
    for option in reversed(_RULE_OPTIONS):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda context, _parameter, value: _print_version(context, value),
    help="Show the version and exit.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file and read history from git; do not read or write the caches in "
    "the git directory (also COPKIT_NO_CACHE=1).",
)
@click.pass_context
def cli(context: click.Context, no_cache: bool) -> None:
    """Communities of practice as code: validate, lint, score and publish them.

    Parsed files and the git history are cached in the git directory (.git/copkit/cache),
    keyed by their content and commit, so unchanged files are not parsed again and the
    history of a commit is read from git once; the output is the same either way. Delete
    that folder to clear it.
    """
    if no_cache:
        from copkit.load.cache import caching_turned_off

        context.with_resource(caching_turned_off())


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
@click.option(
    "--repository",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Repository whose copkit.yaml `fields:` are added  [default: the folder holding --out]",
)
def schema(out: Path, check: bool, repository: Path | None) -> None:
    """Write one JSON Schema per kind (draft 2020-12), generated from the models.

    Fields the repository declares in copkit.yaml (`fields:`) are added to their kinds.
    """
    from copkit.commands import schema as command

    sys.exit(command.run(out, check=check, repository=repository))


@cli.command()
@PATH_ARGUMENT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
)
@rule_options
def lint(
    path: Path | None,
    output_format: str,
    fail_on: str,
    base: str | None,
    changed_only: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    today: dt.datetime | None,
    output: Path | None,
) -> None:
    """Check the repository at PATH against the governance rules.

    Exits 0 when nothing reaches --fail-on, 1 when something does, 2 on a usage error.
    """
    from copkit.commands import lint as command

    sys.exit(
        command.run(
            path,
            output_format=output_format,
            fail_on=fail_on,  # type: ignore[arg-type]
            base=base,
            changed_only=changed_only,
            select=select,
            ignore=ignore,
            today=today.date() if today else None,
            output=output,
        )
    )


@cli.command()
@click.argument("code", required=False)
@click.option(
    "--repository",
    "repository",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Repository whose copkit.yaml rules are listed too  [default: the current folder]",
)
def rules(code: str | None, repository: Path | None) -> None:
    """List the governance rules, or explain the rule CODE (a code or a name).

    The list names each rule's source: copkit, copkit.yaml (rules the repository
    declares) or the distribution of the plugin that registers it.
    """
    from copkit.commands import rules as command

    sys.exit(command.run(code, repository))


@cli.command()
@PATH_ARGUMENT
@click.option("--check", is_flag=True, help="Exit 1 when the file on disk is out of date.")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write (default: .github/CODEOWNERS at the git top level).",
)
def codeowners(path: Path | None, check: bool, output: Path | None) -> None:
    """Write .github/CODEOWNERS: community leads and practice owners review their files."""
    from copkit.commands import codeowners as command

    sys.exit(command.run(path, check=check, output=output))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Only report files not in canonical layout (exit 1).")
def fmt(paths: tuple[Path, ...], check: bool) -> None:
    """Rewrite entity files into the canonical layout, keeping comments.

    PATHS are entity files or folders (default: the repository here). Key order follows
    the schema, lists are block style, and text that other YAML tools would misread (yes,
    no, 0755) is quoted. A file is rewritten only if its values stay exactly the same.
    """
    from copkit.commands import fmt as command

    sys.exit(command.run(paths, check=check))


@cli.command()
@click.argument("kind")
@click.argument("entity_id", metavar="ID")
@click.option("--path", type=click.Path(path_type=Path, file_okay=False), help="Repository folder.")
@click.option("--community", help="The community it belongs to (practices, metrics, ...).")
@click.option(
    "--owner",
    "people",
    multiple=True,
    help="Owner, author or host (repeatable), by person id.",
)
@click.option("--title", help="Title or name (default: from the id).")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help="Set a field; VALUE is YAML, e.g. --set 'tags=[mlops]' (repeatable).",
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to use instead of today.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(
    kind: str,
    entity_id: str,
    path: Path | None,
    community: str | None,
    people: tuple[str, ...],
    title: str | None,
    assignments: tuple[str, ...],
    today: dt.datetime | None,
    force: bool,
) -> None:
    """Write a new KIND named ID where it belongs, valid and in canonical layout.

    KIND is community, charter, practice, person, metric, event, objective, taxonomy,
    or a knowledge asset type: story, case-study, retrospective, failure, lesson, guide.
    """
    from copkit.commands import new as command

    sys.exit(
        command.run(
            kind,
            entity_id,
            path=path,
            community=community,
            people=people,
            title=title,
            assignments=assignments,
            today=today.date() if today else None,
            force=force,
        )
    )


@cli.group()
def export() -> None:
    """Export communities and people into other tools' formats."""


@export.command("backstage")
@PATH_ARGUMENT
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write org.yaml and catalog-info.yaml to.",
)
@click.option("--namespace", default="default", show_default=True, help="Backstage namespace.")
@click.option("--all-people", is_flag=True, help="Export people who belong to no community too.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date deciding current leads.")
def export_backstage(
    path: Path | None,
    out: Path,
    namespace: str,
    all_people: bool,
    today: dt.datetime | None,
) -> None:
    """Write communities as Backstage Groups and people as Users."""
    from copkit.commands import export as command

    if not _DNS_LABEL.fullmatch(namespace):
        raise click.BadParameter("a lowercase DNS label, e.g. default", param_hint="--namespace")
    sys.exit(
        command.run_backstage(
            path,
            out,
            namespace=namespace,
            all_people=all_people,
            today=today.date() if today else None,
        )
    )


_DNS_LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
    today: dt.datetime | None,
) -> None:
    """Health scores of each community at PATH, every number explained.

    Exits 0, or 1 when the repository is invalid or a score is under --fail-under,
    2 on a usage error.
    """
    from copkit.history import early_history

    # git log of HEAD starts before the command's imports (pydantic, the models).
    early = early_history(path) if as_of is None else None
    from copkit.commands import score as command

    sys.exit(
        command.run(
            path,
            output_format=output_format,
            community=community,
            as_of=as_of,
            fail_under=fail_under,
            today=today.date() if today else None,
            early=early,
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


@cli.command()
@PATH_ARGUMENT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default=None,
    help="Output format (default: text; github when GITHUB_ACTIONS is set).",
)
@rule_options
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="N",
    help="Also fail when a community's health score is below N.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Report, but exit 0 even when findings or scores fail (usage errors still exit 2).",
)
def check(
    path: Path | None,
    output_format: str | None,
    fail_on: str,
    fail_under: float | None,
    base: str | None,
    changed_only: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    today: dt.datetime | None,
    output: Path | None,
    exit_zero: bool,
) -> None:
    """Validate, lint and gate on health in one command: the CI one-liner.

    Exits 0 when clean, 1 on findings at or above --fail-on or a score under
    --fail-under, 2 on a usage error.
    """
    from copkit.commands import check as command

    code = command.run(
        path,
        output_format=output_format,
        fail_on=fail_on,  # type: ignore[arg-type]
        fail_under=fail_under,
        base=base,
        changed_only=changed_only,
        select=select,
        ignore=ignore,
        today=today.date() if today else None,
        output=output,
    )
    sys.exit(0 if exit_zero and code == 1 else code)


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


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--title",
    default="Communities of practice",
    show_default=True,
    help="The knowledge site's title.",
)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Date to use instead of today.")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@click.option(
    "--git/--no-git",
    default=None,
    help="Run `git init` in DIRECTORY (default: when it is not inside a git work tree).",
)
def init(
    directory: Path, title: str, today: dt.datetime | None, force: bool, git: bool | None
) -> None:
    """Create a community repository in DIRECTORY that passes `copkit check` at once.

    It holds copkit.yaml, an example community (taxonomy, two people, charter, an adopted
    practice, a metric), JSON Schemas, the site, GitHub workflows, pull-request and issue
    templates, a pre-commit config and a README. Existing files are left alone (exit 2)
    unless --force is given.
    """
    from copkit.commands import init as command

    sys.exit(
        command.run(
            directory, title=title, today=today.date() if today else None, force=force, git=git
        )
    )


def main() -> None:
    """Entry point: run the CLI and turn expected failures into one-line messages."""
    from copkit.lifetime import exit_soon
    from copkit.load.cache import write_in_background
    from copkit.usage import UsageError

    write_in_background()  # this process ends soon after loading: the cache can wait for it
    exit_soon()  # and what it loaded is left to the exit, not freed piece by piece
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
    finally:
        # The process is about to end: the collector's passes at exit over every module
        # and pydantic schema still alive (~0.13 s) would free nothing the exit does not.
        # Exit itself is unchanged: buffers flushed, atexit handlers run, modules cleared.
        # Frozen, what copkit.lifetime keeps is never freed object by object.
        gc.freeze()
