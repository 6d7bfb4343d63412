"""Event: a knowledge-sharing session, workshop or hackathon."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import (
    CommunityRef,
    Entity,
    IsoDate,
    Link,
    PersonRef,
    PracticeRef,
    ShortText,
    TagRef,
    Text,
)

EventType = Literal[
    "talk", "workshop", "hackathon", "meetup", "lightning-talks", "reading-group", "other"
]


class Event(Entity):
    """A session where the community shared knowledge."""

    kind_name: ClassVar[str] = "Event"

    kind: Literal["Event"] = Field(description="Always `Event`.")
    title: ShortText = Field(description="The event's title.")
    type: EventType = Field(
        description="talk, workshop, hackathon, meetup, lightning-talks, reading-group or other."
    )
    community: CommunityRef = Field(description="The community that held it.")
    date: IsoDate = Field(description="When it took place.")
    hosts: list[PersonRef] = Field(default_factory=list, description="Who ran it.")
    attendees: list[PersonRef] = Field(default_factory=list, description="Who took part.")
    summary: Text | None = Field(default=None, description="What happened.")
    outcomes: list[ShortText] = Field(default_factory=list, description="What came out of it.")
    practices: list[PracticeRef] = Field(
        default_factory=list, description="Practices discussed or created."
    )
    tags: list[TagRef] = Field(default_factory=list, description="Taxonomy tags.")
    links: list[Link] = Field(default_factory=list, description="Slides, recordings, notes.")
