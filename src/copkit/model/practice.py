"""Practice: a documented way of working, with a lifecycle and reviewers."""

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
    SkillRef,
    Strict,
    TagRef,
    Text,
)

PracticeStatus = Literal["draft", "proposed", "trial", "adopted", "deprecated", "retired"]
PRACTICE_STATUSES: tuple[PracticeStatus, ...] = (
    "draft",
    "proposed",
    "trial",
    "adopted",
    "deprecated",
    "retired",
)
"""Practice lifecycle statuses, in order."""


class Approval(Strict):
    """A reviewer's approval of the practice."""

    person: PersonRef
    date: IsoDate = Field(description="When the approval was given.")
    note: Text | None = Field(default=None, description="What the approver checked or said.")


class Adoption(Strict):
    """A team that uses the practice."""

    team: ShortText = Field(description="The team or unit that adopted the practice.")
    since: IsoDate | None = Field(default=None, description="When the team adopted it.")


class Practice(Entity):
    """A best practice the community documents, trials, adopts and eventually retires."""

    kind_name: ClassVar[str] = "Practice"

    kind: Literal["Practice"] = Field(description="Always `Practice`.")
    title: ShortText = Field(description="A short imperative title.")
    community: CommunityRef = Field(description="The community that owns the practice.")
    owners: list[PersonRef] = Field(min_length=1, description="People who maintain the practice.")
    status: PracticeStatus = Field(
        description="draft, proposed, trial, adopted, deprecated or retired."
    )
    summary: Text = Field(description="One or two sentences a reader scans in the catalog.")
    problem: Markdown | None = Field(default=None, description="The problem it solves.")
    context: Markdown | None = Field(default=None, description="Where and when it applies.")
    solution: Markdown | None = Field(default=None, description="What to do.")
    consequences: Markdown | None = Field(
        default=None, description="What follows: benefits, costs, risks."
    )
    applies_when: list[ShortText] = Field(
        default_factory=list, description="Conditions under which to use the practice."
    )
    tags: list[TagRef] = Field(default_factory=list, description="Taxonomy tags.")
    skills: list[SkillRef] = Field(
        default_factory=list, description="Skills a practitioner needs to apply it."
    )
    evidence: list[Link] = Field(
        default_factory=list, description="Links to evidence, write-ups and references."
    )
    reviewers: list[PersonRef] = Field(
        default_factory=list, description="People asked to review the practice."
    )
    approvals: list[Approval] = Field(
        default_factory=list, description="Who approved it, and when."
    )
    supersedes: list[PracticeRef] = Field(
        default_factory=list, description="Practices this one replaces."
    )
    superseded_by: PracticeRef | None = Field(
        default=None, description="The practice that replaces this one."
    )
    deprecation_reason: Text | None = Field(
        default=None, description="Why the practice is deprecated, when nothing supersedes it."
    )
    adopted_by: list[Adoption] = Field(
        default_factory=list, description="Teams that use the practice."
    )
    created: IsoDate | None = Field(default=None, description="When the practice was written.")
    next_review: IsoDate | None = Field(
        default=None, description="When the practice is next reviewed."
    )
