"""The repository config file, ``copkit.yaml``: where data lives and how copkit runs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from copkit.model.common import Strict

CONFIG_FILE_NAME = "copkit.yaml"


class Limits(Strict):
    """Bounds the loader enforces on every file, so hostile input cannot exhaust CI."""

    max_file_bytes: int = Field(
        default=1_048_576, ge=1024, description="Largest entity file accepted, in bytes."
    )
    max_yaml_nodes: int = Field(
        default=100_000,
        ge=100,
        description="Most YAML values a document may expand to through aliases.",
    )


class LintConfig(Strict):
    """Which governance rules run, at what severity, with which options."""

    select: list[str] = Field(
        default_factory=lambda: ["COP"],
        description="Rule codes or code prefixes to run.",
    )
    ignore: list[str] = Field(
        default_factory=list, description="Rule codes or prefixes not to run."
    )
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Severity overrides, by rule code."
    )
    options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Rule options, by rule code."
    )
    per_path_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Glob pattern (relative to the repository root) to rule codes ignored there.",
    )


class ScoreConfig(Strict):
    """Health score weights and windows."""

    weights: dict[str, float] = Field(
        default_factory=dict, description="Weight of each health dimension in the overall score."
    )
    window_days: int = Field(default=90, ge=1, description="The recent-activity window, in days.")


class SiteConfig(Strict):
    """Options of the knowledge site."""

    title: str = Field(default="Communities of practice", description="The site's title.")


class Config(Strict):
    """``copkit.yaml`` at the repository root."""

    api_version: Literal["copkit/v1"] = Field(
        default="copkit/v1", alias="apiVersion", description="Config schema version."
    )
    kind: Literal["Config"] = Field(default="Config", description="Always `Config`.")
    data: str = Field(
        default="communities",
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$",
        description="Folder holding the entity files, relative to the repository root.",
    )
    limits: Limits = Field(default_factory=Limits, description="Loader limits.")
    lint: LintConfig = Field(default_factory=LintConfig, description="Governance linter.")
    score: ScoreConfig = Field(default_factory=ScoreConfig, description="Health scorer.")
    site: SiteConfig = Field(default_factory=SiteConfig, description="Knowledge site.")
