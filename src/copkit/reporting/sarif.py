"""SARIF 2.1.0 for code scanning: rules with help text, results with relative locations.

GitHub code scanning needs stable rule ids, a help text per rule, paths relative to the
repository root (``uriBaseId: %SRCROOT%``) and a start line. Findings about a whole
file point at line 1.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from copkit.findings import Finding

if TYPE_CHECKING:
    from copkit.reporting import ReportContext, RuleDescription

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/copkit/copkit"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(description: RuleDescription) -> dict[str, Any]:
    return {
        "id": description.code,
        "name": description.name,
        "shortDescription": {"text": description.summary},
        "fullDescription": {"text": description.full or description.summary},
        "help": {"text": description.help_text, "markdown": description.help_markdown},
        "defaultConfiguration": {"level": _LEVELS.get(description.level, description.level)},
        "properties": {"tags": ["governance"]},
    }


def _generic(code: str) -> dict[str, Any]:
    what = "reading files" if code.startswith("COP0") else "schema and references"
    text = f"copkit validation ({what}): see the finding's message and hint."
    return {
        "id": code,
        "name": "validation",
        "shortDescription": {"text": f"Validation finding {code}"},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": "error"},
    }


def report(findings: list[Finding], /, context: ReportContext | None = None) -> str:
    descriptions = dict(context.rules) if context is not None else {}
    prefix = context.path_prefix if context is not None else ""
    codes = sorted(set(descriptions) | {finding.code for finding in findings})
    rules = [
        _rule(descriptions[code]) if code in descriptions else _generic(code) for code in codes
    ]
    index = {code: position for position, code in enumerate(codes)}
    results = []
    for finding in findings:
        region: dict[str, int] = {"startLine": max(finding.line, 1)}
        if finding.line and finding.column:
            region["startColumn"] = finding.column
        text = finding.message + (f" ({finding.hint})" if finding.hint else "")
        fingerprint = hashlib.sha256(
            f"{finding.code}\0{finding.path}\0{finding.message}".encode()
        ).hexdigest()[:32]
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": _LEVELS[finding.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {
                                "uri": prefix + finding.path,
                                "uriBaseId": "%SRCROOT%",
                            },
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"copkitFindingHash/v1": fingerprint},
            }
        )
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copkit",
                        "version": context.tool_version
                        if context and context.tool_version
                        else "0",
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=False) + "\n"
