"""Reporters: one module per output format, all reading the same findings.

``get_reporter(name)`` gives a function from findings to text. Formats that need more
than the findings (SARIF's rule table, GitHub's changed files, colour) read it from an
optional :class:`ReportContext`; without one each gives its plain form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from copkit.findings import Finding

FORMATS = ("text", "json", "github", "sarif")


@dataclass(frozen=True)
class RuleDescription:
    """What SARIF and the docs say about a rule."""

    code: str
    name: str
    summary: str
    full: str
    help_text: str
    help_markdown: str
    level: str


@dataclass(frozen=True)
class ReportContext:
    """What a run knows beyond its findings."""

    rules: Mapping[str, RuleDescription] = field(default_factory=dict)
    changed_paths: frozenset[str] | None = None
    """Pull-request mode: files the pull request touches (reported first)."""
    path_prefix: str = ""
    """The copkit root relative to the git top level (``""`` or ``"sub/"``), so that
    forge-facing paths (SARIF, annotations) are relative to the repository root."""
    color: bool = False
    checked: str = ""
    """What was checked, for the text summary line, e.g. ``34 rules on 120 entities``."""
    tool_version: str = ""


class Reporter(Protocol):
    def __call__(self, findings: list[Finding], /, context: ReportContext | None = None) -> str: ...


def get_reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` value."""
    if name == "json":
        from copkit.reporting.json_reporter import report
    elif name == "github":
        from copkit.reporting.github import report
    elif name == "sarif":
        from copkit.reporting.sarif import report
    else:
        from copkit.reporting.text import report
    return report
