"""Taxonomy: the controlled vocabulary of tags and skills."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import Entity, ShortText, Slug, Strict, Text


class Term(Strict):
    """One entry of the vocabulary."""

    id: Slug = Field(description="The term as written in references.")
    label: ShortText = Field(description="How the term is displayed.")
    description: Text | None = Field(default=None, description="What the term covers.")


class Taxonomy(Entity):
    """Tags and skills that other entities may use. Several taxonomies are merged."""

    kind_name: ClassVar[str] = "Taxonomy"

    kind: Literal["Taxonomy"] = Field(description="Always `Taxonomy`.")
    title: ShortText = Field(description="What this vocabulary is for.")
    tags: list[Term] = Field(default_factory=list, description="Tags for practices and more.")
    skills: list[Term] = Field(default_factory=list, description="Skills people can have.")
