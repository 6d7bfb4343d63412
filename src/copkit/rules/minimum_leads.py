"""COP220 minimum-leads: too few current leads for the community's stage."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.model.community import Stage
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


def _default_stages() -> list[Stage]:
    return ["active", "stewardship", "transforming"]


class MinimumLeadsOptions(Options):
    min_leads: int = Field(default=2, ge=1, description="Current leads a community needs.")
    stages: list[Stage] = Field(
        default_factory=lambda: _default_stages(),
        description="Stages the minimum applies to.",
    )


class MinimumLeadsRule(Rule):
    """A community has fewer current leads than its stage needs (bus factor).

    Rationale:
        A community led by one person stops when that person changes jobs or burns out.
        Two leads whose terms have not ended keep it going. Leads whose `until` date has
        passed do not count.

    Fix:
        Add a second lead with `person`, `role` and `since`, or extend a term that ended.

    Passing:
        stage: active
        leads:
          - {person: ada, role: chair, since: 2025-01-01}
          - {person: bob, role: co-chair, since: 2025-01-01}

    Failing:
        stage: active
        leads:
          - {person: ada, role: chair, since: 2025-01-01}
    """

    code = "COP220"
    name = "minimum-leads"
    default_severity = "error"
    options_model = MinimumLeadsOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, MinimumLeadsOptions)
        for community in context.repository.communities.values():
            if community.stage not in options.stages:
                continue
            current = context.current_leads(community)
            if len(current) < options.min_leads:
                yield self.at(
                    context,
                    community,
                    ("leads",) if community.leads else ("stage",),
                    f"{community.stage} community has {len(current)} current "
                    f"lead{'' if len(current) == 1 else 's'}; it needs {options.min_leads}",
                )
