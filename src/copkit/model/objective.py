"""Objective: a strategic objective of the organisation that communities serve."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import Entity, IsoDate, PersonRef, ShortText, Text


class Objective(Entity):
    """An organisational objective; communities link to the ones they serve."""

    kind_name: ClassVar[str] = "Objective"

    kind: Literal["Objective"] = Field(description="Always `Objective`.")
    title: ShortText = Field(description="The objective in a few words.")
    description: Text | None = Field(default=None, description="What success looks like.")
    owner: PersonRef | None = Field(default=None, description="Who is accountable for it.")
    horizon: IsoDate | None = Field(default=None, description="When it should be met.")
