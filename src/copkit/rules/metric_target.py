"""COP280 metric-without-target and COP282 metric-below-target."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.model import Metric
from copkit.model.metric import Observation
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


def latest(metric: Metric) -> Observation | None:
    """The newest observation by date (the last written wins a tie)."""
    if not metric.observations:
        return None
    return max(enumerate(metric.observations), key=lambda pair: (pair[1].date, pair[0]))[1]


class MetricWithoutTargetRule(Rule):
    """A declared metric has no `target`.

    Rationale:
        A number without a target cannot say whether things go well; the health score's
        impact dimension compares observations with targets. Computed metrics are exempt.

    Fix:
        Set `target` to the value the community aims for (with `direction` saying which way).

    Passing:
        direction: higher-is-better
        target: 20

    Failing:
        direction: higher-is-better
    """

    code = "COP280"
    name = "metric-without-target"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for metric in context.repository.metrics.values():
            if metric.computed is None and metric.target is None:
                yield self.at(context, metric, ("id",), f"metric {metric.id!r} has no target")


class MetricBelowTargetRule(Rule):
    """A metric's latest observation misses its target.

    Rationale:
        Surfacing misses in review keeps targets honest: either the community acts, or it
        sets a target it means. "Below" respects `direction`: for lower-is-better
        metrics a value above the target misses it.

    Fix:
        Discuss the miss in the community; act on it, or revise `target` with a reason.

    Passing:
        direction: higher-is-better
        target: 20
        observations: [{date: 2026-01-31, value: 24}]

    Failing:
        direction: higher-is-better
        target: 20
        observations: [{date: 2026-01-31, value: 12}]
    """

    code = "COP282"
    name = "metric-below-target"
    default_severity = "info"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for metric in context.repository.metrics.values():
            newest = latest(metric)
            if metric.target is None or newest is None:
                continue
            higher = metric.direction == "higher-is-better"
            missed = newest.value < metric.target if higher else newest.value > metric.target
            if missed:
                index = metric.observations.index(newest)
                yield self.at(
                    context,
                    metric,
                    ("observations", index, "value"),
                    f"latest value {newest.value:g} {metric.unit} "
                    f"({newest.date.isoformat()}) misses the target {metric.target:g}",
                )
