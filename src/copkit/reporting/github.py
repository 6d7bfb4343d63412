"""GitHub Actions workflow commands: findings appear as annotations on the pull request.

``::error file=F,line=L,col=C,title=CODE::message``, with values escaped as the runner
expects (``%``, CR and LF everywhere; also ``:`` and ``,`` in properties). GitHub shows
only a limited number of annotations per step, so in pull-request mode findings in
changed files come first. :func:`job_summary` renders the full list as Markdown for
``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copkit.findings import Finding

if TYPE_CHECKING:
    from copkit.reporting import ReportContext

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def ordered(findings: list[Finding], context: ReportContext | None) -> list[Finding]:
    """Changed files first (stable otherwise), when the context knows which changed."""
    if context is None or context.changed_paths is None:
        return list(findings)
    changed = context.changed_paths
    return sorted(findings, key=lambda finding: finding.path not in changed)


def report(findings: list[Finding], /, context: ReportContext | None = None) -> str:
    prefix = context.path_prefix if context is not None else ""
    lines: list[str] = []
    for finding in ordered(findings, context):
        properties = [f"file={escape_property(prefix + finding.path)}"]
        if finding.line:
            properties.append(f"line={finding.line}")
            properties.append(f"col={finding.column}")
        properties.append(f"title={escape_property(finding.code)}")
        message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
        lines.append(
            f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def job_summary(findings: list[Finding], context: ReportContext | None = None) -> str:
    """Every finding as a Markdown table, for the job summary page."""
    prefix = context.path_prefix if context is not None else ""
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for finding in findings:
        counts[finding.severity] += 1
    lines = [
        "## copkit lint",
        "",
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notices.",
        "",
    ]
    if findings:
        lines += ["| where | rule | severity | message |", "| --- | --- | --- | --- |"]
        for finding in ordered(findings, context):
            where = prefix + finding.path + (f":{finding.line}" if finding.line else "")
            message = finding.message.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{where}` | {finding.code} | {finding.severity} | {message} |")
    return "\n".join(lines) + "\n"
