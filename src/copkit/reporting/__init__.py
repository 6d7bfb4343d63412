"""Reporters: one module per output format, all reading the same findings."""

from __future__ import annotations

from collections.abc import Callable

from copkit.findings import Finding

Reporter = Callable[[list[Finding]], str]


def get_reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` value."""
    if name == "json":
        from copkit.reporting.json_reporter import report
    else:
        from copkit.reporting.text import report
    return report
