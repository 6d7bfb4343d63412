"""COP233 deprecation-without-reason: a deprecated practice that says neither why nor what next."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class DeprecationReasonRule(Rule):
    """A deprecated or retired practice names neither its replacement nor a reason.

    Rationale:
        Someone who still follows a deprecated practice needs to know what to do instead,
        or why it was dropped. Without either, they keep following it.

    Fix:
        Set `superseded_by: <practice id>`, or write `deprecation_reason`.

    Passing:
        status: deprecated
        superseded_by: pin-data-v2

    Failing:
        status: deprecated
    """

    code = "COP233"
    name = "deprecation-without-reason"
    default_severity = "error"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for practice in context.repository.practices.values():
            if practice.status not in ("deprecated", "retired"):
                continue
            if practice.superseded_by is None and not practice.deprecation_reason:
                yield self.at(
                    context,
                    practice,
                    ("status",),
                    f"{practice.status} practice names no `superseded_by` "
                    "and no `deprecation_reason`",
                )
