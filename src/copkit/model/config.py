"""The repository config file, ``copkit.yaml``: where data lives and how copkit runs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from copkit.load.root import CONFIG_FILE_NAME as CONFIG_FILE_NAME
from copkit.model.common import EntityKind, Strict
from copkit.model.custom_config import CustomRule
from copkit.model.lint_config import LintConfig
from copkit.model.score_config import ScoreConfig
from copkit.model.site_config import SiteConfig


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
    fields: dict[EntityKind, dict[str, dict[str, Any]]] = Field(
        default_factory=dict,
        description="The organisation's own fields, by kind: field name -> its JSON Schema "
        "(draft 2020-12). Entities may carry them; each value is checked against its schema.",
    )
    rules: list[CustomRule] = Field(
        default_factory=list,
        description="The organisation's own governance rules, declared as JSON Schemas.",
    )
