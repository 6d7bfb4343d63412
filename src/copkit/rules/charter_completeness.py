"""COP300 charter-incomplete and COP301 charter-foreign-metric."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from copkit.findings import Finding
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext

Section = Literal[
    "in_scope",
    "out_of_scope",
    "governance",
    "membership",
    "onboarding",
    "success_metrics",
    "ratified",
]


def _default_sections() -> list[Section]:
    return [
        "in_scope",
        "out_of_scope",
        "governance",
        "membership",
        "onboarding",
        "success_metrics",
    ]


class CharterCompletenessOptions(Options):
    required: list[Section] = Field(
        default_factory=lambda: _default_sections(),
        description="Charter sections that must be filled in.",
    )


class CharterIncompleteRule(Rule):
    """A charter leaves out sections the repository requires.

    Rationale:
        The charter answers a newcomer's questions: what is in and out of scope, how
        decisions are made, how to join, what to do first, how success is measured. One
        finding lists every missing section, so the author sees all of them at once.

    Fix:
        Fill in the listed sections, or narrow `required` in the rule's options.

    Passing:
        mission: Ship models safely.
        in_scope: [training]
        out_of_scope: [BI dashboards]
        governance: {decision_making: lazy-consensus}
        membership: Anyone who trains models.
        onboarding: [Join the channel]
        success_metrics: [models-shipped]

    Failing:
        mission: Ship models safely.
    """

    code = "COP300"
    name = "charter-incomplete"
    default_severity = "warning"
    options_model = CharterCompletenessOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, CharterCompletenessOptions)
        for charter in context.repository.charters.values():
            missing = [section for section in options.required if not getattr(charter, section)]
            if missing:
                yield self.at(
                    context,
                    charter,
                    ("id",),
                    "the charter has no " + ", ".join(f"`{section}`" for section in missing),
                )


class CharterForeignMetricRule(Rule):
    """A charter's success metric belongs to a different community.

    Rationale:
        A community measures its own success. A metric tracked by another community can
        change without this community knowing, and its owner answers to someone else.

    Fix:
        Track the metric in this community (its own Metric with `community:` set), or drop it.

    Passing:
        community: mle
        success_metrics: [mle-models-shipped]  # a Metric with community: mle

    Failing:
        community: mle
        success_metrics: [sec-incidents]  # a Metric with community: security
    """

    code = "COP301"
    name = "charter-foreign-metric"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        metrics = context.repository.metrics
        for charter in context.repository.charters.values():
            for index, metric_id in enumerate(charter.success_metrics):
                metric = metrics.get(metric_id)
                if metric is not None and metric.community != charter.community:
                    yield self.at(
                        context,
                        charter,
                        ("success_metrics", index),
                        f"metric {metric_id!r} is tracked by {metric.community!r}, "
                        f"not {charter.community!r}",
                    )
