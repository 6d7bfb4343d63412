"""`score:` in copkit.yaml: health score weights, windows and what each stage is expected to do."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from copkit.model.common import Strict
from copkit.model.community import Stage

DimensionName = Literal["vitality", "knowledge_flow", "leadership", "impact"]
DIMENSIONS: tuple[DimensionName, ...] = ("vitality", "knowledge_flow", "leadership", "impact")
"""Health dimensions, in the order reports list them."""

DEFAULT_WEIGHTS: dict[DimensionName, float] = {
    "vitality": 0.3,
    "knowledge_flow": 0.3,
    "leadership": 0.2,
    "impact": 0.2,
}


class StageExpectation(Strict):
    """What a community at one lifecycle stage is expected to show for a full score.

    A measure scores 100 at or above its expectation and falls linearly to 0. An
    expectation of 0 means "not expected at this stage": the measure is reported as
    unknown and left out, so a young or quiet community is not penalised for it.
    """

    participation: float = Field(
        ge=0, le=1, description="Share of members expected to contribute in the window."
    )
    commits_per_month: float = Field(
        ge=0, description="Commits to the community's files expected per 30 days."
    )
    new_members: float = Field(
        ge=0, description="People expected to join or first contribute in the window."
    )
    practices_changed: float = Field(
        ge=0, description="Practices expected to be created or updated in the window."
    )
    adopting_teams: float = Field(
        ge=0, description="Distinct teams expected to have adopted the community's practices."
    )
    assets: float = Field(ge=0, description="Knowledge assets expected in the long window.")
    events: float = Field(ge=0, description="Events expected in the window.")
    leads: float = Field(ge=0, description="Current leads expected.")
    bus_factor: float = Field(ge=0, description="Bus factor expected over the long window.")
    declarations: bool = Field(
        description="Whether a sponsor, successors and metrics with targets are expected; "
        "when false, their absence is unknown rather than 0."
    )
    fail_under: bool = Field(
        default=True, description="Whether `copkit score --fail-under` checks this stage."
    )


def _expect(
    participation: float,
    commits_per_month: float,
    new_members: float,
    practices_changed: float,
    adopting_teams: float,
    assets: float,
    events: float,
    leads: float,
    bus_factor: float,
    *,
    declarations: bool,
    fail_under: bool = True,
) -> StageExpectation:
    return StageExpectation(
        participation=participation,
        commits_per_month=commits_per_month,
        new_members=new_members,
        practices_changed=practices_changed,
        adopting_teams=adopting_teams,
        assets=assets,
        events=events,
        leads=leads,
        bus_factor=bus_factor,
        declarations=declarations,
        fail_under=fail_under,
    )


def default_stages() -> dict[Stage, StageExpectation]:
    """Expectations by stage; stewardship expects steady, low activity."""
    return {
        "potential": _expect(0.2, 1, 1, 0, 0, 0, 0, 1, 1, declarations=False),
        "coalescing": _expect(0.3, 2, 2, 1, 1, 1, 1, 1, 1, declarations=False),
        "active": _expect(0.5, 4, 1, 2, 3, 2, 2, 2, 2, declarations=True),
        "stewardship": _expect(0.25, 1, 0, 1, 3, 1, 1, 2, 1, declarations=True),
        "transforming": _expect(0.3, 2, 0, 1, 2, 1, 1, 2, 1, declarations=True),
        "closed": _expect(0.25, 1, 0, 1, 3, 1, 1, 2, 1, declarations=False, fail_under=False),
    }


class ScoreConfig(Strict):
    """Health score weights, windows and stage expectations."""

    weights: dict[DimensionName, Annotated[float, Field(ge=0)]] = Field(
        default_factory=lambda: dict(DEFAULT_WEIGHTS),
        description="Weight of each health dimension in the overall score; dimensions left "
        "out keep their default weight (vitality 0.3, knowledge_flow 0.3, leadership 0.2, "
        "impact 0.2). Weights are normalised to sum to 1.",
    )
    window_days: int = Field(default=90, ge=1, description="The recent-activity window, in days.")
    long_window_days: int = Field(
        default=365,
        ge=1,
        description="The long window (bus factor, knowledge assets), in days.",
    )
    freshness_days: int = Field(
        default=365,
        ge=1,
        description="A practice untouched in git for longer than this is stale, in days.",
    )
    trend_months: int = Field(
        default=12, ge=1, le=60, description="How many month-end points the trend has."
    )
    stages: dict[Stage, StageExpectation] = Field(
        default_factory=default_stages,
        description="What each lifecycle stage is expected to show; stages left out keep "
        "their defaults.",
    )

    def weight_of(self, dimension: DimensionName) -> float:
        """The configured weight of ``dimension`` (its default when not configured)."""
        return self.weights.get(dimension, DEFAULT_WEIGHTS[dimension])

    def expectation(self, stage: Stage) -> StageExpectation:
        """The expectations for ``stage`` (the default when not configured)."""
        return self.stages.get(stage) or default_stages()[stage]
