"""The combiner: measures into dimensions, dimensions into the overall score.

A dimension's score is the mean of its *known* measures. The overall score is the
weighted mean of the known dimensions, with the configured weights renormalised over
them; unknown parts are left out and the result says so, they never count as 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from copkit.health import impact, knowledge_flow, leadership, vitality
from copkit.health.facts import CommunityFacts, MeasureFunction
from copkit.health.model import Dimension, Measure, rounded
from copkit.model.score_config import DIMENSIONS, DimensionName, ScoreConfig


@dataclass(frozen=True)
class DimensionSpec:
    """One dimension: its name, title and measures, in the order they are reported."""

    name: DimensionName
    title: str
    measures: tuple[MeasureFunction, ...]


REGISTRY: tuple[DimensionSpec, ...] = tuple(
    DimensionSpec(module.NAME, module.TITLE, module.MEASURES)
    for module in (vitality, knowledge_flow, leadership, impact)
)
"""Every dimension and its measures: the explicit registry docs and reports read."""

assert tuple(spec.name for spec in REGISTRY) == DIMENSIONS


def normalised_weights(config: ScoreConfig) -> dict[str, float]:
    """Configured weights scaled to sum to 1 (equal weights if they are all 0)."""
    raw = {name: config.weight_of(name) for name in DIMENSIONS}
    total = sum(raw.values())
    if total <= 0:
        return {name: round(1 / len(DIMENSIONS), 4) for name in DIMENSIONS}
    return {name: round(weight / total, 4) for name, weight in raw.items()}


def score_dimension(spec: DimensionSpec, facts: CommunityFacts, weight: float) -> Dimension:
    """Run a dimension's measures and average the known ones."""
    measures = tuple(_finish(measure(facts)) for measure in spec.measures)
    return combine_measures(spec, measures, weight)


def combine_measures(spec: DimensionSpec, measures: Sequence[Measure], weight: float) -> Dimension:
    known = [m for m in measures if m.score is not None]
    if not known:
        explanation = f"Unknown: none of its {len(measures)} measures could be computed."
        return Dimension(spec.name, None, weight, explanation, tuple(measures), spec.title)
    score = rounded(sum(m.score for m in known if m.score is not None) / len(known))
    if len(known) == len(measures):
        explanation = f"Mean of its {len(measures)} measures."
    else:
        left_out = ", ".join(m.id for m in measures if m.score is None)
        explanation = (
            f"Mean of the {len(known)} known measures of {len(measures)}; "
            f"unknown and left out: {left_out}."
        )
    return Dimension(spec.name, score, weight, explanation, tuple(measures), spec.title)


def overall(dimensions: dict[str, Dimension]) -> tuple[float | None, str | None]:
    """The weighted mean of the known dimensions, and a note when weights were renormalised."""
    known = {
        name: dim for name, dim in dimensions.items() if dim.score is not None and dim.weight > 0
    }
    total = sum(dim.weight for dim in known.values())
    if not known or total <= 0:
        return None, "No dimension could be scored, so the overall score is unknown."
    value = sum(dim.weight * (dim.score or 0.0) for dim in known.values()) / total
    note = None
    missing = [name for name in dimensions if name not in known and dimensions[name].weight > 0]
    if missing:
        shares = ", ".join(f"{name} {dim.weight / total:.2f}" for name, dim in known.items())
        note = (
            f"Unknown dimensions left out of the overall score: {', '.join(missing)}; "
            f"weights renormalised to {shares}."
        )
    return rounded(value), note


def _finish(measure: Measure) -> Measure:
    """The measure with its score rounded to one decimal, so every output is reproducible."""
    score = rounded(measure.score)
    if score == measure.score:
        return measure
    return Measure(
        measure.id, measure.name, score, measure.value, measure.explanation, measure.unknown_reason
    )
