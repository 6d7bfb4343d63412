"""COP250 stage-gates and COP251 closed-community-live-practices."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from copkit.findings import Finding
from copkit.model import Community
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext

Requirement = Literal["charter", "meetings", "channel", "members", "sponsor"]

_EXPLAIN: dict[str, str] = {
    "charter": "a charter (a Charter document with `community: {id}`)",
    "meetings": "a meeting rhythm (`meetings: {{cadence: ...}}`)",
    "channel": "at least one channel (`channels:`)",
    "members": "members (`members:`)",
    "sponsor": "a sponsor (`sponsor:`)",
}


def _default_gates() -> dict[str, list[Requirement]]:
    return {
        "coalescing": ["members"],
        "active": ["charter", "meetings", "channel", "members"],
        "stewardship": ["charter", "meetings", "channel", "members"],
        "transforming": ["charter", "members"],
    }


class StageGatesOptions(Options):
    gates: dict[str, list[Requirement]] = Field(
        default_factory=lambda: _default_gates(),
        description="Stage -> what a community at that stage must have: charter, meetings, "
        "channel, members, sponsor. (Leads are counted by COP220.)",
    )


def _has(context: LintContext, community: Community, requirement: str) -> bool:
    if requirement == "charter":
        return community.id in context.repository.charter_of
    if requirement == "meetings":
        return community.meetings is not None
    if requirement == "channel":
        return bool(community.channels)
    if requirement == "members":
        return bool(community.members)
    return community.sponsor is not None


class StageGatesRule(Rule):
    """A community lacks something its lifecycle stage requires.

    Rationale:
        A stage is a claim about how established a community is. An *active* community
        has a charter, a meeting rhythm, a channel where people talk, and members;
        otherwise newcomers find a name and nothing behind it. Each missing gate is one
        finding. The gates per stage are an option.

    Fix:
        Add what is missing, or set `stage` to the stage the community is really at.

    Passing:
        stage: active
        members: [{person: ada, level: core}]
        channels: [{type: chat, name: "#mle"}]
        meetings: {cadence: biweekly}
        # and a Charter with community: mle

    Failing:
        stage: active
        members: [{person: ada, level: core}]
    """

    code = "COP250"
    name = "stage-gates"
    default_severity = "error"
    options_model = StageGatesOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, StageGatesOptions)
        for community in context.repository.communities.values():
            for requirement in options.gates.get(community.stage, []):
                if not _has(context, community, requirement):
                    yield self.at(
                        context,
                        community,
                        ("stage",),
                        f"an {community.stage} community needs "
                        + _EXPLAIN[requirement].format(id=community.id),
                    )


class ClosedCommunityLivePracticesRule(Rule):
    """A closed community still owns practices that are proposed, in trial or adopted.

    Rationale:
        When a community closes nobody maintains its practices any more. Readers of the
        catalog should see them handed over or deprecated, not silently orphaned.

    Fix:
        Move each practice to another community (`community:`), or deprecate it.

    Passing:
        # community mle has stage: closed
        community: mle
        status: deprecated
        deprecation_reason: the community closed

    Failing:
        # community mle has stage: closed
        community: mle
        status: adopted
    """

    code = "COP251"
    name = "closed-community-live-practices"
    default_severity = "warning"

    def check(self, context: LintContext) -> Iterator[Finding]:
        communities = context.repository.communities
        for practice in context.repository.practices.values():
            community = communities.get(practice.community)
            if community is None or community.stage != "closed":
                continue
            if practice.status in ("proposed", "trial", "adopted"):
                yield self.at(
                    context,
                    practice,
                    ("status",),
                    f"{practice.status} practice belongs to closed community {community.id!r}",
                )
