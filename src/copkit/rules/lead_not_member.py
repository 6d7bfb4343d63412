"""COP224 lead-not-member: a lead who is not listed among the members."""

from __future__ import annotations

from collections.abc import Iterator

from copkit.findings import Finding
from copkit.rules.base import Rule
from copkit.rules.context import LintContext


class LeadNotMemberRule(Rule):
    """A lead is not listed in the community's `members`.

    Rationale:
        Leads lead from inside: member counts, participation levels and the health score
        all read `members`. A lead missing there is invisible in those numbers.

    Fix:
        Add the lead to `members`, usually with `level: core`.

    Passing:
        leads: [{person: ada, role: chair, since: 2025-01-01}]
        members: [{person: ada, level: core}]

    Failing:
        leads: [{person: ada, role: chair, since: 2025-01-01}]
        members: [{person: bob, level: core}]
    """

    code = "COP224"
    name = "lead-not-member"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for community in context.repository.communities.values():
            members = {member.person for member in community.members}
            for index, lead in enumerate(community.leads):
                if lead.person not in members:
                    yield self.at(
                        context,
                        community,
                        ("leads", index, "person"),
                        f"lead {lead.person!r} is not listed in `members`",
                    )
