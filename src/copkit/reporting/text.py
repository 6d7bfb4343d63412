"""Plain text for people.

Without a context (``copkit validate``): ``path:line:col: CODE severity: message`` and a
hint line. With one (``copkit lint``): findings grouped under their file, coloured when
the context says the output is a terminal, and a closing summary line.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

import click

from copkit.findings import Finding

if TYPE_CHECKING:
    from copkit.reporting import ReportContext

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def report(findings: list[Finding], /, context: ReportContext | None = None) -> str:
    if context is not None:
        return grouped(findings, context)
    lines: list[str] = []
    for finding in findings:
        location = finding.path
        if finding.line:
            location += f":{finding.line}:{finding.column}"
        severity = "" if finding.severity == "error" else f" ({finding.severity})"
        lines.append(f"{location}: {finding.code}{severity} {finding.message}")
        if finding.hint:
            lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines) + ("\n" if lines else "")


def grouped(findings: list[Finding], context: ReportContext) -> str:
    """Findings under a heading per file, then a summary line."""

    def style(text: str, **styles: object) -> str:
        return click.style(text, **styles) if context.color else text  # type: ignore[arg-type]

    lines: list[str] = []
    for path, in_file in groupby(findings, key=lambda finding: finding.path):
        lines.append(style(path, bold=True, underline=True))
        for finding in in_file:
            where = f"{finding.line}:{finding.column}" if finding.line else "-"
            severity = style(f"{finding.severity:<7}", fg=_COLOURS[finding.severity])
            lines.append(
                f"  {where:>7}  {severity}  {style(finding.code, bold=True)}  {finding.message}"
            )
            if finding.hint:
                lines.append(f"  {'':>7}  {'':7}  {style('hint:', dim=True)} {finding.hint}")
        lines.append("")
    lines.append(summary(findings, checked=context.checked))
    return "\n".join(lines) + "\n"


def summary(findings: list[Finding], *, checked: str) -> str:
    """One closing line, e.g. ``2 errors, 1 warning in 312 files``."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    parts = [
        f"{number} {name}{'' if number == 1 else 's'}" for name, number in counts.items() if number
    ]
    return f"{', '.join(parts) if parts else 'no problems'} ({checked})"
