"""`lint:` in copkit.yaml: which governance rules run, how severe, with which options."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from copkit.model.common import Strict


class LintConfig(Strict):
    """Which governance rules run, at what severity, with which options."""

    select: list[str] | None = Field(
        default=None,
        description="Rule codes or code prefixes to run (`COP` runs copkit's stable rules). "
        "Unset: every stable rule, copkit's and those from copkit.yaml and plugins.",
    )
    preview: bool = Field(
        default=False,
        description="Also run rules in the preview group (added after 1.0) that `select` "
        "matches by prefix. A preview rule named by its exact code always runs.",
    )
    ignore: list[str] = Field(
        default_factory=list, description="Rule codes or prefixes not to run."
    )
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Severity overrides, by rule code or prefix."
    )
    options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Rule options, by rule code: `{COP220: {min_leads: 3}}`."
    )
    per_path_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Glob pattern (relative to the repository root) to rule codes ignored there.",
    )
