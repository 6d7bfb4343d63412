"""Knowledge asset: tacit knowledge written down (stories, case studies, retrospectives)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import (
    CommunityRef,
    Entity,
    IsoDate,
    Link,
    Markdown,
    PersonRef,
    PracticeRef,
    ShortText,
    TagRef,
    Text,
)

AssetType = Literal["story", "case-study", "retrospective", "failure", "lesson", "guide"]


class KnowledgeAsset(Entity):
    """A story, case study, retrospective or failure, linked to practices and people."""

    kind_name: ClassVar[str] = "KnowledgeAsset"

    kind: Literal["KnowledgeAsset"] = Field(description="Always `KnowledgeAsset`.")
    type: AssetType = Field(
        description="story, case-study, retrospective, failure, lesson or guide."
    )
    title: ShortText = Field(description="The asset's title.")
    community: CommunityRef = Field(description="The community that shares it.")
    authors: list[PersonRef] = Field(min_length=1, description="Who wrote it.")
    date: IsoDate = Field(description="When it happened or was written.")
    summary: Text = Field(description="A short summary for lists.")
    body: Markdown | None = Field(default=None, description="The full text, in Markdown.")
    lessons: list[ShortText] = Field(default_factory=list, description="What was learned.")
    practices: list[PracticeRef] = Field(
        default_factory=list, description="Practices this asset informs or illustrates."
    )
    people: list[PersonRef] = Field(
        default_factory=list, description="Other people involved, to ask about it."
    )
    tags: list[TagRef] = Field(default_factory=list, description="Taxonomy tags.")
    links: list[Link] = Field(default_factory=list, description="Related material.")
