"""Plain text for people: ``path:line:col: CODE message`` and a hint line."""

from __future__ import annotations

from copkit.findings import Finding


def report(findings: list[Finding]) -> str:
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


def summary(findings: list[Finding], *, checked: str) -> str:
    """One closing line, e.g. ``2 errors, 1 warning in 312 files``."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    parts = [
        f"{number} {name}{'' if number == 1 else 's'}" for name, number in counts.items() if number
    ]
    return f"{', '.join(parts) if parts else 'no problems'} ({checked})"
