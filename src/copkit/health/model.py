"""The health report as plain data, with its stable JSON form (``to_dict``).

The site and ``copkit score --format json`` read these structures. Field names are a
contract: fields may be added, never renamed. A ``None`` score means *unknown*, which
is never the same as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

JsonValue = float | int | str | None


def rounded(score: float | None) -> float | None:
    """A score rounded to one decimal (``None`` stays unknown)."""
    if score is None:
        return None
    return round(max(0.0, min(100.0, score)) + 0.0, 1)


@dataclass(frozen=True)
class Measure:
    """One sub-measure of a dimension, with the sentence that explains its number."""

    id: str
    name: str
    score: float | None
    value: JsonValue
    explanation: str
    unknown_reason: str | None = None

    @property
    def known(self) -> bool:
        return self.score is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "value": self.value,
            "explanation": self.explanation,
            "unknown_reason": self.unknown_reason,
        }


@dataclass(frozen=True)
class Dimension:
    """One health dimension: the mean of its known measures."""

    name: str
    score: float | None
    weight: float
    explanation: str
    measures: tuple[Measure, ...]
    title: str = ""
    """How readers see the name, e.g. ``Knowledge flow`` for ``knowledge_flow``."""

    def measure(self, measure_id: str) -> Measure:
        for measure in self.measures:
            if measure.id == measure_id:
                return measure
        raise KeyError(measure_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title or self.name,
            "score": self.score,
            "weight": self.weight,
            "explanation": self.explanation,
            "measures": [measure.to_dict() for measure in self.measures],
        }


@dataclass(frozen=True)
class TrendPoint:
    """The overall and per-dimension scores at the end of one month."""

    month: str
    """``YYYY-MM``."""
    overall: float | None
    dimensions: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "overall": self.overall, "dimensions": dict(self.dimensions)}


@dataclass(frozen=True)
class CommunityHealth:
    """A community's health as of one day: overall, dimensions, trend and notes."""

    community: str
    name: str
    stage: str
    overall: float | None
    dimensions: dict[str, Dimension]
    trend: tuple[TrendPoint, ...] = ()
    notes: tuple[str, ...] = ()
    checked_by_fail_under: bool = True
    """False for stages (closed) that ``--fail-under`` reports but does not fail."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "name": self.name,
            "stage": self.stage,
            "overall": self.overall,
            "dimensions": {name: dim.to_dict() for name, dim in self.dimensions.items()},
            "trend": [point.to_dict() for point in self.trend],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class HistoryStatus:
    """Whether git history was there to score from, and why not."""

    available: bool
    shallow: bool
    reason: str | None

    @property
    def complete(self) -> bool:
        return self.available and not self.shallow

    def to_dict(self) -> dict[str, Any]:
        return {"available": self.available, "shallow": self.shallow, "reason": self.reason}


@dataclass(frozen=True)
class HealthReport:
    """Every community's health as of one day."""

    as_of: dt.date
    history: HistoryStatus
    communities: dict[str, CommunityHealth] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "history": self.history.to_dict(),
            "communities": {
                community_id: health.to_dict()
                for community_id, health in sorted(self.communities.items())
            },
        }
