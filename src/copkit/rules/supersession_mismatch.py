"""COP211 supersession-mismatch: `supersedes` and `superseded_by` disagree."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class SupersessionMismatchRule(Rule):
    """Practice A is superseded by B, but B does not say it supersedes A (or the reverse).

    Rationale:
        Readers follow supersession both ways: from a deprecated practice to its
        replacement, and from the replacement back to what it replaced. When only one side
        is written, the catalog shows a dead end on the other.

    Fix:
        Add the missing side: list A in B's `supersedes`, or set A's `superseded_by` to B.

    Passing:
        # old-way.yaml
        superseded_by: new-way
        # new-way.yaml
        supersedes: [old-way]

    Failing:
        # old-way.yaml
        superseded_by: new-way
        # new-way.yaml (no supersedes)
    """

    code = "COP211"
    name = "supersession-mismatch"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        practices = context.repository.practices
        for practice in practices.values():
            newer = practices.get(practice.superseded_by or "")
            if (
                newer is not None
                and newer.id != practice.id
                and practice.id not in newer.supersedes
            ):
                yield self.at(
                    context,
                    practice,
                    ("superseded_by",),
                    f"superseded by {newer.id!r}, which does not list {practice.id!r} "
                    "in `supersedes`",
                )
            for index, older_id in enumerate(practice.supersedes):
                older = practices.get(older_id)
                if older is None or older.id == practice.id:
                    continue
                if older.superseded_by != practice.id:
                    yield self.at(
                        context,
                        practice,
                        ("supersedes", index),
                        f"supersedes {older.id!r}, whose `superseded_by` is "
                        f"{older.superseded_by!r}, not {practice.id!r}",
                    )
