"""COP240-COP242: practices, charters and metrics past their review date."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class PracticeReviewOverdueRule(Rule):
    """A practice's `next_review` date has passed.

    Rationale:
        Practices age: tools change, evidence accumulates. The review date is the
        community's promise to look again. Deprecated and retired practices are exempt.

    Fix:
        Review the practice with its owners, then move `next_review` to the next date.

    Passing:
        status: adopted
        next_review: 2099-01-01

    Failing:
        status: adopted
        next_review: 2020-01-01
    """

    code = "COP240"
    name = "practice-review-overdue"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for practice in context.repository.practices.values():
            if practice.status in ("deprecated", "retired") or practice.next_review is None:
                continue
            if practice.next_review < context.today:
                yield self.at(
                    context,
                    practice,
                    ("next_review",),
                    f"review was due on {practice.next_review.isoformat()}",
                )


class CharterReviewOverdueRule(Rule):
    """A charter's `review_date` has passed.

    Rationale:
        A charter describes how the community works today. Reviewing it on schedule keeps
        mission, scope and governance true; closed communities are exempt.

    Fix:
        Review the charter with the community, bump `version`, and set the next `review_date`.

    Passing:
        review_date: 2099-01-01

    Failing:
        review_date: 2020-01-01
    """

    code = "COP241"
    name = "charter-review-overdue"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        communities = context.repository.communities
        for charter in context.repository.charters.values():
            community = communities.get(charter.community)
            if community is not None and community.stage == "closed":
                continue
            if charter.review_date < context.today:
                yield self.at(
                    context,
                    charter,
                    ("review_date",),
                    f"charter review was due on {charter.review_date.isoformat()}",
                )


class MetricReviewOverdueRule(Rule):
    """A metric's `review_date` has passed.

    Rationale:
        Targets set a year ago may no longer be ambitious, or may no longer matter.

    Fix:
        Review the metric and its target, then set the next `review_date`.

    Passing:
        review_date: 2099-01-01

    Failing:
        review_date: 2020-01-01
    """

    code = "COP242"
    name = "metric-review-overdue"
    default_severity = "info"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for metric in context.repository.metrics.values():
            if metric.review_date is not None and metric.review_date < context.today:
                yield self.at(
                    context,
                    metric,
                    ("review_date",),
                    f"metric review was due on {metric.review_date.isoformat()}",
                )
