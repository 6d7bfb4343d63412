"""JSON for machines: a list of findings with code, severity, path, line, column, message."""

from __future__ import annotations

import json

from copkit.findings import Finding


def report(findings: list[Finding]) -> str:
    return json.dumps([finding.to_dict() for finding in findings], indent=2) + "\n"
