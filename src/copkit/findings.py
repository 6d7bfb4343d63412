"""Findings: what validation, linting and scoring report, with a location a person can open."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    ``path`` is relative to the repository root with forward slashes; ``line`` and
    ``column`` are 1-based, or 0 when the problem concerns the file as a whole.
    """

    code: str
    severity: Severity
    message: str
    path: str
    line: int = 0
    column: int = 0
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Findings:
    """An accumulator that checks write into and reporters read from."""

    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.items.extend(findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Finding]:
        return sorted(set(self.items), key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for item in self.items if item.severity == severity)

    def at_or_above(self, threshold: Severity) -> list[Finding]:
        rank = SEVERITY_RANK[threshold]
        return [item for item in self.sorted() if SEVERITY_RANK[item.severity] >= rank]
