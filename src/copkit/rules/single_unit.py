"""COP272 single-unit: a community drawn from one organisational unit."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


class SingleUnitOptions(Options):
    min_people: int = Field(
        default=4, ge=2, description="People with a known unit before the rule judges."
    )


class SingleUnitRule(Rule):
    """Every member of a community whose unit is known comes from the same unit.

    Rationale:
        Communities of practice cut across the organisation; that is where their value
        comes from. One whose people all sit in one unit is a team meeting under another
        name, and knowledge does not flow beyond it. Closed communities are exempt.

    Fix:
        Invite practitioners from other units, or record people's `unit` where it is missing.

    Passing:
        # ada.unit: Payments, bob.unit: Search, cy.unit: Payments, dee.unit: Risk
        members: [{person: ada, level: core}, ...]

    Failing:
        # ada, bob, cy and dee all have unit: Payments
        members: [{person: ada, level: core}, ...]
    """

    code = "COP272"
    name = "single-unit"
    default_severity = "warning"
    options_model = SingleUnitOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, SingleUnitOptions)
        people = context.repository.people
        for community in context.repository.communities.values():
            if community.stage == "closed":
                continue
            units = [
                unit
                for person_id in sorted(context.people_of.get(community.id, ()))
                if (unit := getattr(people.get(person_id), "unit", None)) is not None
            ]
            if len(units) >= options.min_people and len(set(units)) == 1:
                yield self.at(
                    context,
                    community,
                    ("members",) if community.members else ("id",),
                    f"all {len(units)} people with a known unit come from {units[0]!r}",
                )
