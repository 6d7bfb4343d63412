"""``copkit lint``: governance rules over the resolved repository, for people and for CI."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from copkit import __version__
from copkit.findings import SEVERITY_RANK, Finding, Severity
from copkit.history import GitRefError, email_index, read_history
from copkit.lint import SelectorError, check_selectors, lint
from copkit.loader import UsageError, load_repository
from copkit.reporting import ReportContext, get_reporter
from copkit.rules import RULES
from copkit.rules.docs import describe


def split(values: Sequence[str]) -> list[str]:
    """``--select A,B --select C`` -> ``[A, B, C]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


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
    except (UsageError, GitRefError, SelectorError) as error:
        click.echo(f"copkit: error: {error}", err=True)
        return 2


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
    from copkit import base_branch

    check_selectors(select, "--select")
    check_selectors(ignore, "--ignore")
    if changed_only and base is None:
        raise UsageError("--changed-only needs --base REF (the branch the pull request targets)")
    if base is not None and (not base or base.startswith("-")):
        raise GitRefError(f"--base {base!r} is not a git revision")
    loaded = load_repository(path)
    repository = loaded.repository
    base_repository = None
    changed: frozenset[str] | None = None
    if base is not None:
        sha = base_branch.merge_base(repository.root, base)
        base_repository = base_branch.load_base(repository, sha)
        changed = base_branch.changed_paths(repository, sha)
    result = lint(
        repository,
        today=today,
        base=base_repository,
        read_history=lambda: read_history(
            repository.root, repository.data_dir, email_index(repository.people)
        ),
        select=select or None,
        ignore=ignore,
        changed_paths=changed if changed_only else None,
    )
    validation: list[Finding] = loaded.findings.sorted()
    if changed_only and changed is not None:
        validation = [finding for finding in validation if finding.path in changed]
    findings = sorted(set(validation + result.findings), key=Finding.sort_key)

    entities = sum(len(by_id) for by_id in repository.entities.values())
    context = ReportContext(
        rules={code: describe(rule) for code, rule in RULES.items()},
        changed_paths=changed,
        path_prefix=base_branch.prefix_or_empty(repository.root)
        if output_format in ("github", "sarif")
        else "",
        color=output is None and output_format == "text" and _is_terminal(),
        checked=f"{len(result.ran)} rules on {entities} entities",
        tool_version=__version__,
    )
    text = get_reporter(output_format)(findings, context)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from copkit.reporting.github import job_summary

        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary_file:
            summary_file.write(job_summary(findings, context))
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in findings) else 0


def _is_terminal() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()
