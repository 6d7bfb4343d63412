"""COP232 owner-not-member: a practice owner outside the owning community."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class OwnerNotMemberRule(Rule):
    """A practice's owner is not a member or lead of the community that owns the practice.

    Rationale:
        Owners maintain the practice on the community's behalf; the community reviews and
        retires it. An owner outside the community is not in its meetings or its channels.

    Fix:
        Add the owner to the community's `members`, or hand the practice to a member.

    Passing:
        # community mle lists ada as a member
        community: mle
        owners: [ada]

    Failing:
        # community mle does not list zed
        community: mle
        owners: [zed]
    """

    code = "COP232"
    name = "owner-not-member"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for practice in context.repository.practices.values():
            if practice.community not in context.people_of:
                continue  # an unknown community is a validation error already
            members = context.people_of[practice.community]
            for index, owner in enumerate(practice.owners):
                if owner not in members:
                    yield self.at(
                        context,
                        practice,
                        ("owners", index),
                        f"owner {owner!r} is not a member of {practice.community!r}",
                    )
