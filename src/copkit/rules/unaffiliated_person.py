"""COP212 unaffiliated-person: a person who belongs to no community (preview)."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class UnaffiliatedPersonRule(Rule):
    """A person who is neither a member nor a lead of any community.

    Rationale:
        People files exist so communities can name who belongs. A person nobody lists is
        often someone who left a community without their file being tidied up, or someone
        who was never added. This rule is in the preview group while its noise is judged.

    Fix:
        Add the person to a community's `members`, or remove the file if they have left.

    Passing:
        # ada.yaml, and a community lists `- person: ada`
        id: ada

    Failing:
        # ada.yaml, and no community lists ada
        id: ada
    """

    code = "COP212"
    name = "unaffiliated-person"
    default_severity = "info"
    preview = True

    def check(self, context: LintContext) -> Iterator[Finding]:
        belonging = context.repository.memberships_of
        for person in context.repository.people.values():
            if person.id not in belonging:
                yield self.at(context, person, ("id",), f"{person.id!r} belongs to no community")
