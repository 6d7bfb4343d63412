"""`score:` in copkit.yaml: health score weights and windows."""

from __future__ import annotations

from pydantic import Field

from copkit.model.common import Strict


class ScoreConfig(Strict):
    """Health score weights and windows."""

    weights: dict[str, float] = Field(
        default_factory=dict, description="Weight of each health dimension in the overall score."
    )
    window_days: int = Field(default=90, ge=1, description="The recent-activity window, in days.")
