"""Community: a group of practitioners who share a domain, and its people."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import (
    CommunityRef,
    Entity,
    IsoDate,
    ObjectiveRef,
    PersonRef,
    ShortText,
    Strict,
    TagRef,
    Text,
    Url,
)

Stage = Literal["potential", "coalescing", "active", "stewardship", "transforming", "closed"]
STAGES: tuple[Stage, ...] = (
    "potential",
    "coalescing",
    "active",
    "stewardship",
    "transforming",
    "closed",
)
"""Community lifecycle stages, in order."""

ParticipationLevel = Literal["core", "active", "peripheral"]


class Lead(Strict):
    """A person who leads the community for a term."""

    person: PersonRef
    role: ShortText = Field(description="The lead's role, for example `chair` or `co-lead`.")
    since: IsoDate = Field(description="First day of the term.")
    until: IsoDate | None = Field(
        default=None, description="Last day of the term; terms end so that leadership rotates."
    )
    successor: PersonRef | None = Field(
        default=None, description="The person named to take over when this term ends."
    )


class Member(Strict):
    """A person who belongs to the community, with how much they take part."""

    person: PersonRef
    level: ParticipationLevel = Field(
        description="`core` (shapes the community), `active` (takes part regularly) or "
        "`peripheral` (follows and learns)."
    )
    since: IsoDate | None = Field(default=None, description="When the person joined.")


class Channel(Strict):
    """Where the community talks or keeps its work."""

    type: Literal["chat", "mailing-list", "repository", "wiki", "video", "forum", "other"] = Field(
        description="What kind of channel this is."
    )
    name: ShortText = Field(description="The channel's name as people know it.")
    url: Url | None = Field(default=None, description="Where to find it.")


class Meetings(Strict):
    """The community's meeting rhythm."""

    cadence: Literal["weekly", "biweekly", "monthly", "quarterly", "ad-hoc"] = Field(
        description="How often the community meets."
    )
    day: Literal["monday", "tuesday", "wednesday", "thursday", "friday"] | None = Field(
        default=None, description="The usual weekday."
    )
    time: str | None = Field(
        default=None,
        pattern=r"^([01]\d|2[0-3]):[0-5]\d$",
        description="The usual start time, 24-hour `HH:MM` in quotes.",
    )
    format: Text | None = Field(default=None, description="What a meeting looks like.")


class Community(Entity):
    """A community of practice: a guild, chapter or special-interest group."""

    kind_name: ClassVar[str] = "Community"

    kind: Literal["Community"] = Field(description="Always `Community`.")
    name: ShortText = Field(description="The community's display name.")
    summary: Text = Field(description="One paragraph: who the community is and why it exists.")
    domain: list[TagRef] = Field(
        default_factory=list, description="Tags naming the community's domain of practice."
    )
    stage: Stage = Field(
        description="Lifecycle stage: potential, coalescing, active, stewardship, "
        "transforming or closed."
    )
    founded: IsoDate | None = Field(default=None, description="When the community started.")
    leads: list[Lead] = Field(default_factory=list, description="Who leads, with their terms.")
    members: list[Member] = Field(
        default_factory=list, description="Who belongs, with their level of participation."
    )
    sponsor: PersonRef | None = Field(
        default=None, description="The executive who sponsors the community."
    )
    channels: list[Channel] = Field(
        default_factory=list, description="Chat rooms, lists, repositories and wikis."
    )
    meetings: Meetings | None = Field(default=None, description="The meeting rhythm.")
    objectives: list[ObjectiveRef] = Field(
        default_factory=list, description="Strategic objectives the community serves."
    )
    related: list[CommunityRef] = Field(
        default_factory=list, description="Communities this one works closely with."
    )
