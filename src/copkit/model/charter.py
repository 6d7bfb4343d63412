"""Charter: a community's mission, scope, governance and success measures."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import (
    CommunityRef,
    Entity,
    IsoDate,
    MetricRef,
    ShortText,
    Strict,
    Text,
)


class Governance(Strict):
    """How the community decides."""

    decision_making: Literal["consensus", "lazy-consensus", "majority-vote", "leads-decide"] = (
        Field(description="How decisions are made.")
    )
    quorum: int | None = Field(
        default=None, ge=1, description="How many members must take part in a decision."
    )
    description: Text | None = Field(default=None, description="Anything else about governance.")


class Charter(Entity):
    """The community's founding document, reviewed on a schedule."""

    kind_name: ClassVar[str] = "Charter"

    kind: Literal["Charter"] = Field(description="Always `Charter`.")
    community: CommunityRef = Field(description="The community this charter governs.")
    version: ShortText = Field(description='Charter version, as a quoted string, e.g. `"1.2"`.')
    mission: Text = Field(description="Why the community exists, in a few sentences.")
    in_scope: list[ShortText] = Field(default_factory=list, description="Topics in scope.")
    out_of_scope: list[ShortText] = Field(
        default_factory=list, description="Topics explicitly out of scope."
    )
    governance: Governance | None = Field(default=None, description="How decisions are made.")
    membership: Text | None = Field(default=None, description="Who may join, and how.")
    onboarding: list[ShortText] = Field(
        default_factory=list, description="Steps a newcomer takes, in order."
    )
    success_metrics: list[MetricRef] = Field(
        default_factory=list, description="Metrics (with targets) that show the charter works."
    )
    ratified: IsoDate | None = Field(default=None, description="When this version was agreed.")
    review_date: IsoDate = Field(description="When the charter is next reviewed.")
