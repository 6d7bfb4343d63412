"""Person: a practitioner, their skills, and what they mentor or want to learn."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import (
    Email,
    Entity,
    IsoDate,
    ShortText,
    SkillRef,
    Strict,
    TagRef,
)

SkillLevel = Literal["novice", "working", "proficient", "expert"]
SKILL_LEVELS: tuple[SkillLevel, ...] = ("novice", "working", "proficient", "expert")
"""Skill levels, in order."""


class Skill(Strict):
    """A skill a person has, at a level."""

    skill: SkillRef
    level: SkillLevel = Field(description="novice, working, proficient or expert.")


class Person(Entity):
    """A practitioner. Their e-mail addresses map git history to them."""

    kind_name: ClassVar[str] = "Person"

    kind: Literal["Person"] = Field(description="Always `Person`.")
    name: ShortText = Field(description="The person's display name.")
    emails: list[Email] = Field(
        default_factory=list,
        description="Addresses the person commits with, so git history maps to them.",
    )
    handle: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$",
        description="Forge (GitHub) user name, without `@`; used for CODEOWNERS.",
    )
    unit: ShortText | None = Field(default=None, description="Organisational unit or function.")
    title: ShortText | None = Field(default=None, description="Job title.")
    joined: IsoDate | None = Field(default=None, description="When the person joined.")
    skills: list[Skill] = Field(default_factory=list, description="Skills with levels.")
    interests: list[TagRef] = Field(default_factory=list, description="Topics of interest.")
    mentors: list[SkillRef] = Field(
        default_factory=list, description="Skills the person offers to mentor others in."
    )
    learning: list[SkillRef] = Field(
        default_factory=list, description="Skills the person wants to learn."
    )
