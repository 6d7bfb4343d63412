"""``copkit score``: health scores per community, explained, for today or any past point."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from copkit.health import HealthReport, score_repository
from copkit.history import (
    EarlierRead,
    History,
    PendingHistory,
    email_index,
    history_of,
    read_history,
)
from copkit.lifetime import keep, settle
from copkit.load.cache import ParseCache
from copkit.load.root import find_root
from copkit.loader import (
    UsageError,
    collector_paused,
    data_folder,
    load_repository,
)
from copkit.reporting import get_reporter
from copkit.reporting.health import fmt, to_json, to_markdown, to_table
from copkit.repository import Repository
from copkit.snapshot import files_at, resolve_point


class InvalidRepository(Exception):
    """The repository has errors; they were printed and the command exits 1."""


def load_valid(path: Path | None, *, cache_from: Path | None = None) -> Repository:
    """The repository at ``path``; its errors printed to stderr and raised when invalid.

    ``cache_from``: the repository whose parse cache to use, for a snapshot of its past.
    """
    cache = None if cache_from is None else ParseCache.for_repository(cache_from)
    result = load_repository(path, cache=cache)
    if not result.ok:
        errors = [f for f in result.findings.sorted() if f.severity == "error"]
        click.echo(get_reporter("text")(errors), err=True, nl=False)
        click.echo("copkit: error: the repository has errors; fix them to score it", err=True)
        raise InvalidRepository
    return result.repository


def score_point(
    path: Path | None,
    point: str | None,
    *,
    today: dt.date | None = None,
    community: str | None = None,
    trend: bool = True,
    early: PendingHistory | None = None,
) -> HealthReport:
    """Score the repository at ``path`` now, or as of ``point`` (a date or a git revision).

    For a point, the files are read as they were at its commit and history stops there.
    ``early``: ``git log`` already started (:func:`copkit.history.early_history`), used
    when it reads the folder the loader reads.
    """
    if point is None:
        start = Path.cwd() if path is None else path
        # git log runs while the files are loaded; a bad path is reported by the loader.
        pending = None
        if start.is_dir():
            folders = data_folder(start)
            if early is not None and early.reads(*folders):
                pending, early = early, None
            else:
                pending = PendingHistory(*folders)
        if early is not None:
            early.cancel()
        try:
            repository = load_valid(path)
            _check_community(repository, community)
        except BaseException:
            if pending is not None:
                pending.cancel()
            raise
        people = email_index(repository.people)
        history = history_of(repository) if pending is None else pending.result(people)
        keep(repository, history)  # a command's process ends next: no freeing them one by one
        as_of = today or dt.datetime.now(dt.UTC).date()
        return score_repository(repository, history, as_of=as_of, community=community, trend=trend)
    if early is not None:
        early.cancel()
    start = Path.cwd() if path is None else path
    if not start.is_dir():
        raise UsageError(f"{start}: no such folder")
    root, _config = find_root(start)
    sha, day = resolve_point(root, point)
    with files_at(root, sha) as folder:
        snapshot_root, snapshot_data = data_folder(folder)
        data = snapshot_data.relative_to(snapshot_root)
        pending = PendingHistory(root, root / data, rev=sha)
        try:
            repository = load_valid(folder, cache_from=root)
            _check_community(repository, community)
        except BaseException:
            pending.cancel()
            raise
        history = pending.result(email_index(repository.people))
        return score_repository(
            repository, history, as_of=today or day, community=community, trend=trend
        )


def history_at(
    repository: Repository, root: Path, sha: str, *, earlier: EarlierRead | None = None
) -> History:
    """History up to ``sha`` of the data folder of ``repository`` (a snapshot of ``root``)."""
    data = repository.data_dir.relative_to(repository.root)
    return read_history(root, root / data, email_index(repository.people), rev=sha, earlier=earlier)


def _check_community(repository: Repository, community: str | None) -> None:
    if community is not None and community not in repository.communities:
        known = ", ".join(sorted(repository.communities)) or "none"
        raise UsageError(f"--community {community}: no such community (known: {known})")


def run(
    path: Path | None,
    *,
    output_format: str,
    community: str | None,
    as_of: str | None,
    fail_under: float | None,
    today: dt.date | None,
    early: PendingHistory | None = None,
) -> int:
    """Score, print in ``output_format``, and return the exit code."""
    try:
        # A short-lived process whose data all stays alive: the cyclic collector would only
        # walk the loaded repository again and again while history and scores are built.
        with collector_paused():
            report = score_point(path, as_of, today=today, community=community, early=early)
            # Left to the exit: the collector, back on after this block, would otherwise
            # walk every object made while it was off at its first pass (~0.3 s).
            keep(report)
            settle()
    except InvalidRepository:
        return 1
    render = {"json": to_json, "markdown": to_markdown}.get(output_format, to_table)
    sys.stdout.write(render(report))
    if fail_under is None:
        return 0
    failing = [
        health
        for health in report.communities.values()
        if health.checked_by_fail_under
        and health.overall is not None
        and health.overall < fail_under
    ]
    for health in failing:
        click.echo(
            f"copkit: {health.community} scores {fmt(health.overall)}, "
            f"under --fail-under {fail_under:g}",
            err=True,
        )
    for health in report.communities.values():
        if health.overall is None:
            click.echo(f"copkit: {health.community}: overall score unknown, not checked", err=True)
    return 1 if failing else 0
