"""Impact: do the community's declared metrics meet their targets, and are they improving?"""

from __future__ import annotations

from copkit.health.facts import (
    CommunityFacts,
    MeasureFunction,
    not_expected,
    percent,
    plural,
    unknown,
)
from copkit.health.model import Measure
from copkit.model import Metric

NAME = "impact"
TITLE = "Impact"


def attainment(value: float, target: float, direction: str) -> float:
    """How far ``value`` goes towards ``target``, from 0 to 1.

    Higher is better: ``value / target`` capped at 1 (met or not when the target is not
    positive). Lower is better: 1 at or under the target, else ``target / value``.
    """
    if direction == "higher-is-better":
        if target <= 0:
            return 1.0 if value >= target else 0.0
        return min(1.0, max(0.0, value / target))
    if value <= target or value <= 0:
        return 1.0
    return min(1.0, max(0.0, target / value))


def metric_value(facts: CommunityFacts, metric: Metric) -> float | None:
    """The metric's value as of the as-of day: its latest observation, or computed from git."""
    if metric.computed is not None:
        return computed_value(facts, metric.computed)
    observed = [o for o in metric.observations if o.date <= facts.as_of]
    if not observed:
        return None
    return max(observed, key=lambda o: o.date).value


def computed_value(facts: CommunityFacts, measure: str) -> float | None:
    """A ``computed:`` metric's value over the window (None when history is missing)."""
    if measure == "practices-adopted":
        return float(sum(1 for p in facts.practices if p.status == "adopted"))
    if facts.history_gap(facts.window_days):
        return None
    recent = facts.since(facts.window_days)
    if measure == "commits":
        return float(len(recent))
    if measure == "active-contributors":
        return float(len({c.author for c in recent}))
    paths = facts.practice_files
    return float(len({path for c in recent for path in c.paths if path in paths}))


def targets(facts: CommunityFacts) -> Measure:
    """Metrics against targets: mean attainment of metrics that have a target and a value.

    ``score = 100 * mean(attainment)``.
    """
    measure_id, name = "targets", "Metrics against targets"
    metrics = sorted(facts.repository.metrics_of.get(facts.community.id, []), key=lambda m: m.id)
    parts: list[str] = []
    scores: list[float] = []
    met = 0
    for metric in metrics:
        if metric.target is None:
            continue
        value = metric_value(facts, metric)
        if value is None:
            continue
        reached = attainment(value, metric.target, metric.direction)
        scores.append(reached)
        met += reached >= 1.0
        sign = ">=" if metric.direction == "higher-is-better" else "<="
        parts.append(f"{metric.id} {value:g} (target {sign} {metric.target:g})")
    if not scores:
        if not facts.expect.declarations:
            return not_expected(measure_id, name, facts, "a metric with a target")
        return Measure(
            measure_id,
            name,
            0.0,
            0,
            f"No metric has both a target and a value as of {facts.as_of.isoformat()}.",
        )
    mean = sum(scores) / len(scores)
    explanation = (
        f"{met} of {plural(len(scores), 'metric')} with a target meet it; mean attainment "
        f"{percent(mean)}: {'; '.join(parts)}."
    )
    return Measure(measure_id, name, 100.0 * mean, round(mean, 3), explanation)


def metric_trend(facts: CommunityFacts) -> Measure:
    """Metric trend: whether declared metrics moved the right way between their last two values.

    Better counts 1, worse 0, unchanged 1 when on target else 0.5.
    ``score = 100 * mean``.
    """
    measure_id, name = "metric_trend", "Metric trend"
    metrics = sorted(facts.repository.metrics_of.get(facts.community.id, []), key=lambda m: m.id)
    counts = {"improved": 0, "held": 0, "worsened": 0}
    points: list[float] = []
    for metric in metrics:
        observed = sorted(
            (o for o in metric.observations if o.date <= facts.as_of), key=lambda o: o.date
        )
        if len(observed) < 2:
            continue
        previous, latest = observed[-2].value, observed[-1].value
        delta = latest - previous
        if metric.direction == "lower-is-better":
            delta = -delta
        if delta > 0:
            points.append(1.0)
            counts["improved"] += 1
        elif delta < 0:
            points.append(0.0)
            counts["worsened"] += 1
        else:
            on_target = metric.target is not None and (
                attainment(latest, metric.target, metric.direction) >= 1.0
            )
            points.append(1.0 if on_target else 0.5)
            counts["held"] += 1
    if not points:
        return unknown(measure_id, name, "no metric has two observations yet, so there is no trend")
    mean = sum(points) / len(points)
    explanation = (
        f"Of {plural(len(points), 'metric')} with two or more observations, "
        f"{counts['improved']} improved, {counts['held']} held and {counts['worsened']} "
        "worsened since their previous observation."
    )
    return Measure(measure_id, name, 100.0 * mean, round(mean, 3), explanation)


MEASURES: tuple[MeasureFunction, ...] = (targets, metric_trend)
