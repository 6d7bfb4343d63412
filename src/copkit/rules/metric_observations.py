"""COP281 metric-stale-observations: a declared metric nobody has measured lately."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext
from copkit.rules.metric_target import latest


class StaleObservationsOptions(Options):
    max_age_days: int = Field(
        default=120, ge=1, description="Days after which the latest observation is too old."
    )


class MetricStaleObservationsRule(Rule):
    """A declared metric has no observation, or none within the window.

    Rationale:
        A metric is only useful while somebody measures it. Old observations make the
        health score's impact dimension describe the past. Computed metrics are exempt.

    Fix:
        Add a dated observation: `observations: - {date: YYYY-MM-DD, value: N}`.

    Passing:
        observations: [{date: 2026-01-31, value: 24}]  # within 120 days

    Failing:
        observations: [{date: 2024-01-31, value: 24}]
    """

    code = "COP281"
    name = "metric-stale-observations"
    default_severity = "warning"
    options_model = StaleObservationsOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, StaleObservationsOptions)
        for metric in context.repository.metrics.values():
            if metric.computed is not None:
                continue
            newest = latest(metric)
            if newest is None:
                yield self.at(context, metric, ("id",), f"metric {metric.id!r} has no observations")
                continue
            age = (context.today - newest.date).days
            if age > options.max_age_days:
                yield self.at(
                    context,
                    metric,
                    ("observations", metric.observations.index(newest), "date"),
                    f"latest observation is {age} days old ({newest.date.isoformat()}), "
                    f"over {options.max_age_days}",
                )
