"""COP221 lead-term-ended and COP222 lead-term-unbounded: leadership terms that rotate."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


class LeadTermEndedRule(Rule):
    """A lead whose term has ended is still listed.

    Rationale:
        The community page shows listed leads as the people to ask. A lead whose `until`
        date has passed is no longer accountable, so the page misleads readers.

    Fix:
        Remove the lead (the successor takes over), or extend `until` if the term was renewed.

    Passing:
        leads:
          - {person: ada, role: chair, since: 2025-01-01, until: 2099-12-31}

    Failing:
        leads:
          - {person: ada, role: chair, since: 2023-01-01, until: 2024-12-31}
    """

    code = "COP221"
    name = "lead-term-ended"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for community in context.repository.communities.values():
            if community.stage == "closed":
                continue
            for index, lead in enumerate(community.leads):
                if lead.until is not None and lead.until < context.today:
                    yield self.at(
                        context,
                        community,
                        ("leads", index, "until"),
                        f"the term of lead {lead.person!r} ended on {lead.until.isoformat()}",
                    )


class LeadTermOptions(Options):
    max_term_days: int = Field(
        default=731, ge=1, description="Longest term, from `since` to `until`, in days."
    )


class LeadTermUnboundedRule(Rule):
    """A lead's term has no end date, or is longer than the configured maximum.

    Rationale:
        Terms that end make leadership rotate: new people grow into the role and nobody
        is a lead forever by default. A term without `until` never comes up for renewal.

    Fix:
        Set `until` on the lead, at most `max_term_days` after `since` (two years by default).

    Passing:
        leads:
          - {person: ada, role: chair, since: 2025-01-01, until: 2026-12-31}

    Failing:
        leads:
          - {person: ada, role: chair, since: 2025-01-01}
    """

    code = "COP222"
    name = "lead-term-unbounded"
    default_severity = "warning"
    options_model = LeadTermOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, LeadTermOptions)
        for community in context.repository.communities.values():
            if community.stage == "closed":
                continue
            for index, lead in enumerate(community.leads):
                if lead.until is None:
                    yield self.at(
                        context,
                        community,
                        ("leads", index),
                        f"the term of lead {lead.person!r} has no end date (`until`)",
                    )
                elif (lead.until - lead.since).days > options.max_term_days:
                    yield self.at(
                        context,
                        community,
                        ("leads", index, "until"),
                        f"the term of lead {lead.person!r} lasts "
                        f"{(lead.until - lead.since).days} days, over {options.max_term_days}",
                    )
