"""``copkit check``: validate, lint and the health gate in one command, for CI.

Formats and exit codes are lint's: 0 clean, 1 findings at or above ``--fail-on`` or a
community under ``--fail-under``, 2 on a usage error. Under GitHub Actions the default
format is ``github`` and a Markdown summary (findings and scores) is appended to the
job summary. History is read once and shared by the rules and the scorer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import click

from copkit.commands.lint import emit, fails, gather, is_terminal, split
from copkit.findings import Finding, Severity
from copkit.health import HealthReport, score_repository
from copkit.history import GitRefError
from copkit.lint import SelectorError
from copkit.loader import UsageError, collector_paused
from copkit.reporting import ReportContext, get_reporter
from copkit.reporting.github import escape_data, job_summary
from copkit.reporting.health import fmt, to_markdown
from copkit.rules.plugins import PluginError


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


# A short-lived process whose loaded repository stays alive to the end: the cyclic
# collector would only walk it again and again while history is read, rules run and
# scores are built.
@collector_paused()
def run(
    path: Path | None,
    *,
    output_format: str | None,
    fail_on: Severity,
    fail_under: float | None,
    base: str | None,
    changed_only: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    today: dt.date | None,
    output: Path | None,
) -> int:
    chosen = output_format or default_format()
    day = today or dt.date.today()
    try:
        outcome = gather(
            path,
            output_format=chosen,
            base=base,
            changed_only=changed_only,
            select=split(select),
            ignore=split(ignore),
            today=day,
            color=output is None and chosen == "text" and is_terminal(),
        )
    except (UsageError, GitRefError, SelectorError, PluginError) as error:
        click.echo(f"copkit: error: {error}", err=True)
        return 2
    health: HealthReport | None = None
    if outcome.valid:
        health = score_repository(outcome.repository, outcome.history(), as_of=day, trend=False)
    below = _below(health, fail_under)

    if chosen == "json":
        payload = {
            "findings": [finding.to_dict() for finding in outcome.findings],
            "health": health.to_dict() if health is not None else None,
            "below_fail_under": below,
        }
        emit(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", output)
    else:
        text = get_reporter(chosen)(outcome.findings, outcome.context)
        emit(text + _health_lines(chosen, health, below, fail_under), output)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as summary:
            summary.write(_job_summary(outcome.findings, outcome.context, health))
    return 1 if fails(outcome.findings, fail_on) or below else 0


def _below(health: HealthReport | None, fail_under: float | None) -> list[str]:
    if health is None or fail_under is None:
        return []
    return sorted(
        community
        for community, scored in health.communities.items()
        if scored.checked_by_fail_under
        and scored.overall is not None
        and scored.overall < fail_under
    )


def _health_lines(
    output_format: str, health: HealthReport | None, below: list[str], fail_under: float | None
) -> str:
    if health is None or output_format == "sarif":
        return ""
    if output_format == "github":
        return "".join(
            f"::error title=copkit health::{escape_data(community)} scores "
            f"{fmt(health.communities[community].overall)}, under --fail-under {fail_under:g}\n"
            for community in below
        )
    scores = ", ".join(
        f"{community} {fmt(scored.overall)}" for community, scored in health.communities.items()
    )
    lines = [f"health: {scores}" if scores else "health: no communities"]
    lines += [f"health: {community} is under --fail-under {fail_under:g}" for community in below]
    return "\n".join(lines) + "\n"


def _job_summary(
    findings: list[Finding], context: ReportContext, health: HealthReport | None
) -> str:
    text = job_summary(findings, context)
    if health is not None:
        text += "\n" + to_markdown(health).replace("\n# ", "\n## ", 1)
    return text
