"""COP244 review-date-missing: a living practice with no next review date."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class ReviewDateMissingRule(Rule):
    """A practice in trial or adopted has no `next_review` date.

    Rationale:
        Without a review date nothing reminds the owners to look again; the practice
        only comes up when something has already gone wrong.

    Fix:
        Set `next_review` to a date within the coming year.

    Passing:
        status: trial
        next_review: 2026-09-01

    Failing:
        status: trial
    """

    code = "COP244"
    name = "review-date-missing"
    default_severity = "info"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for practice in context.repository.practices.values():
            if practice.status in ("trial", "adopted") and practice.next_review is None:
                yield self.at(
                    context,
                    practice,
                    ("status",),
                    f"{practice.status} practice has no `next_review` date",
                )
