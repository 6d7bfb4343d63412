"""COP270 community-too-small and COP271 community-too-large."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


class TooSmallOptions(Options):
    min_members: dict[str, int] = Field(
        default_factory=lambda: {
            "coalescing": 3,
            "active": 5,
            "stewardship": 5,
            "transforming": 3,
        },
        description="Stage -> fewest people (members and leads) a community needs.",
    )


class CommunityTooSmallRule(Rule):
    """A community has fewer people than its stage needs.

    Rationale:
        A community of practice lives from exchange between practitioners. Below a handful
        of people, an *active* community is a working group by another name, and one
        departure ends it. People are members and leads, counted once.

    Fix:
        Recruit members, or set `stage` to what the community really is (e.g. `coalescing`).

    Passing:
        stage: active
        members: [{person: a, level: core}, {person: b, level: core}, {person: c, level: active},
                  {person: d, level: active}, {person: e, level: peripheral}]

    Failing:
        stage: active
        members: [{person: a, level: core}, {person: b, level: core}]
    """

    code = "COP270"
    name = "community-too-small"
    default_severity = "warning"
    options_model = TooSmallOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, TooSmallOptions)
        for community in context.repository.communities.values():
            needed = options.min_members.get(community.stage)
            people = len(context.people_of.get(community.id, ()))
            if needed is not None and people < needed:
                yield self.at(
                    context,
                    community,
                    ("members",) if community.members else ("stage",),
                    f"{community.stage} community has {people} "
                    f"{'person' if people == 1 else 'people'}; it needs at least {needed}",
                )


class TooLargeOptions(Options):
    max_members: int = Field(
        default=150, ge=2, description="Most people before a split is suggested."
    )


class CommunityTooLargeRule(Rule):
    """A community has grown past the size where members still know each other.

    Rationale:
        Past roughly 150 people (Dunbar's number) members stop knowing each other and
        the community fragments on its own. Sub-communities with their own leads keep
        the exchange personal.

    Fix:
        Consider splitting into focused communities listed in each other's `related`.

    Passing:
        members: [...]  # 40 people

    Failing:
        members: [...]  # 200 people
    """

    code = "COP271"
    name = "community-too-large"
    default_severity = "info"
    options_model = TooLargeOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, TooLargeOptions)
        for community in context.repository.communities.values():
            people = len(context.people_of.get(community.id, ()))
            if people > options.max_members:
                yield self.at(
                    context,
                    community,
                    ("members",),
                    f"community has {people} people, over {options.max_members}",
                )
