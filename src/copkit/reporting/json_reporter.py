"""JSON for machines: a list of findings with code, severity, path, line, column, message."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from copkit.findings import Finding

if TYPE_CHECKING:
    from copkit.reporting import ReportContext


def report(findings: list[Finding], /, context: ReportContext | None = None) -> str:
    return json.dumps([finding.to_dict() for finding in findings], indent=2) + "\n"
