"""``copkit lint``: governance rules over the resolved repository, for people and for CI."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import click

import copkit
from copkit.findings import SEVERITY_RANK, Finding, Severity
from copkit.history import GitRefError, History, history_of
from copkit.lint import SelectorError, check_selectors, lint, rules_for
from copkit.loader import UsageError, collector_paused, load_repository
from copkit.reporting import ReportContext, get_reporter
from copkit.repository import Repository
from copkit.rules.docs import describe
from copkit.rules.plugins import PluginError


def split(values: Sequence[str]) -> list[str]:
    """``--select A,B --select C`` -> ``[A, B, C]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


# A short-lived process whose loaded repository stays alive to the end: the cyclic
# collector would only walk it again and again while history is read and rules run.
@collector_paused()
def run(
    path: Path | None,
    *,
    output_format: str = "text",
    fail_on: Severity = "error",
    base: str | None = None,
    changed_only: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    today: dt.date | None = None,
    output: Path | None = None,
) -> int:
    """Lint the repository at ``path``; print findings; return the exit code."""
    try:
        return _run(
            path,
            output_format=output_format,
            fail_on=fail_on,
            base=base,
            changed_only=changed_only,
            select=split(select),
            ignore=split(ignore),
            today=today or dt.date.today(),
            output=output,
        )
    except (UsageError, GitRefError, SelectorError, PluginError) as error:
        click.echo(f"copkit: error: {error}", err=True)
        return 2


@dataclass
class LintRun:
    """Everything one lint run found, ready to report (shared with ``copkit check``)."""

    repository: Repository
    valid: bool
    findings: list[Finding]
    context: ReportContext
    history: Callable[[], History]
    """The repository's history, read at most once, on first call."""


def gather(
    path: Path | None,
    *,
    output_format: str,
    base: str | None,
    changed_only: bool,
    select: list[str],
    ignore: list[str],
    today: dt.date,
    color: bool = False,
) -> LintRun:
    """Load, validate and lint; raises usage errors (and PluginError) before linting."""
    from copkit import base_branch

    if changed_only and base is None:
        raise UsageError("--changed-only needs --base REF (the branch the pull request targets)")
    if base is not None and (not base or base.startswith("-")):
        raise GitRefError(f"--base {base!r} is not a git revision")
    loaded = load_repository(path)
    repository = loaded.repository
    registry = rules_for(repository)
    check_selectors(select, "--select", registry)
    check_selectors(ignore, "--ignore", registry)
    base_repository = None
    changed: frozenset[str] | None = None
    if base is not None:
        sha = base_branch.merge_base(repository.root, base)
        changed = base_branch.changed_paths(repository, sha)
        # A duplicate id hides an entity the base may hold: then the base is loaded whole.
        whole = any(finding.code == "COP107" for finding in loaded.findings)
        base_repository = base_branch.load_base(repository, sha, None if whole else changed)

    @cache
    def history() -> History:
        return history_of(repository)

    result = lint(
        repository,
        today=today,
        base=base_repository,
        read_history=history,
        select=select or None,
        ignore=ignore,
        changed_paths=changed if changed_only else None,
        registry=registry,
    )
    validation: list[Finding] = loaded.findings.sorted()
    if changed_only and changed is not None:
        validation = [finding for finding in validation if finding.path in changed]
    findings = sorted(set(validation + result.findings), key=Finding.sort_key)

    entities = sum(len(by_id) for by_id in repository.entities.values())
    context = ReportContext(
        rules={code: describe(rule) for code, rule in registry.rules.items()},
        changed_paths=changed,
        path_prefix=base_branch.prefix_or_empty(repository.root)
        if output_format in ("github", "sarif")
        else "",
        color=color,
        checked=f"{len(result.ran)} rules on {entities} entities",
        tool_version=copkit.__version__,
    )
    return LintRun(repository, loaded.ok, findings, context, history)


def emit(text: str, output: Path | None) -> None:
    """Print a report, or write it to ``output``."""
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")


def fails(findings: list[Finding], fail_on: Severity) -> bool:
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[finding.severity] >= threshold for finding in findings)


def _run(
    path: Path | None,
    *,
    output_format: str,
    fail_on: Severity,
    base: str | None,
    changed_only: bool,
    select: list[str],
    ignore: list[str],
    today: dt.date,
    output: Path | None,
) -> int:
    outcome = gather(
        path,
        output_format=output_format,
        base=base,
        changed_only=changed_only,
        select=select,
        ignore=ignore,
        today=today,
        color=output is None and output_format == "text" and is_terminal(),
    )
    emit(get_reporter(output_format)(outcome.findings, outcome.context), output)
    if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from copkit.reporting.github import job_summary

        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary_file:
            summary_file.write(job_summary(outcome.findings, outcome.context))
    return 1 if fails(outcome.findings, fail_on) else 0


def is_terminal() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()
