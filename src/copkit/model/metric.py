"""Metric: a measure a community tracks against a target."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from copkit.model.common import (
    CommunityRef,
    Entity,
    IsoDate,
    PersonRef,
    ShortText,
    Strict,
    Text,
)

ComputedMeasure = Literal[
    "active-contributors",
    "commits",
    "practices-changed",
    "practices-adopted",
]
"""Measures copkit computes from git history instead of declared observations."""


class Observation(Strict):
    """One dated value of a metric."""

    date: IsoDate = Field(description="When the value was observed.")
    value: float = Field(description="The observed value, in the metric's unit.")
    note: ShortText | None = Field(default=None, description="Context for the value.")


class Metric(Entity):
    """A measure with a direction, a target and dated observations."""

    kind_name: ClassVar[str] = "Metric"

    kind: Literal["Metric"] = Field(description="Always `Metric`.")
    name: ShortText = Field(description="The metric's display name.")
    community: CommunityRef = Field(description="The community that tracks it.")
    description: Text | None = Field(default=None, description="What is measured and how.")
    unit: ShortText = Field(description="The unit, e.g. `days`, `%`, `people`.")
    direction: Literal["higher-is-better", "lower-is-better"] = Field(
        description="Which way is good."
    )
    target: float | None = Field(default=None, description="The value the community aims for.")
    owner: PersonRef | None = Field(default=None, description="Who keeps the metric up to date.")
    computed: ComputedMeasure | None = Field(
        default=None,
        description="Set to let copkit compute the metric from git history instead of "
        "declared observations.",
    )
    observations: list[Observation] = Field(
        default_factory=list, description="Dated values, oldest first."
    )
    review_date: IsoDate | None = Field(
        default=None, description="When the metric and its target are next reviewed."
    )
