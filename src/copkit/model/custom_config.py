"""`fields:` and `rules:` in copkit.yaml: an organisation's own fields and governance rules.

Both are data, never code: extension fields and declarative rules are JSON Schemas
(draft 2020-12), compiled and checked by :mod:`copkit.custom` when the config loads.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from copkit.model.common import EntityKind, Strict

CUSTOM_CODE_PATTERN = r"^[A-Z]{2,8}[0-9]{3,4}$"
"""A rule code of an organisation's own: two to eight capitals, then three or four digits."""

FIELD_NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
"""An extension field's name: snake_case, as copkit's own fields are written."""


class CustomRule(Strict):
    """A governance rule declared in copkit.yaml: when `when` holds, `require` must hold."""

    code: str = Field(
        pattern=CUSTOM_CODE_PATTERN,
        description="The rule's code in the organisation's own prefix, e.g. `BWM101`; "
        "never `COP...`, which is copkit's.",
    )
    name: str = Field(
        pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
        max_length=60,
        description="Short kebab-case name, e.g. `threat-model-link`.",
    )
    kind: EntityKind = Field(description="The kind of entity the rule checks.")
    severity: Literal["error", "warning", "info"] = Field(
        default="warning", description="Default severity (re-grade it under `lint.severity`)."
    )
    message: str = Field(
        min_length=1,
        max_length=300,
        description="What a finding says; `{id}` is replaced by the entity's id.",
    )
    summary: str | None = Field(
        default=None, max_length=200, description="One line for `copkit rules` (default: message)."
    )
    rationale: str | None = Field(
        default=None, max_length=2000, description="Why the organisation has this rule."
    )
    fix: str | None = Field(
        default=None, max_length=500, description="How to fix a finding; shown as its hint."
    )
    when: dict[str, Any] | bool | None = Field(
        default=None,
        description="JSON Schema the entity must match for the rule to apply (default: all).",
    )
    require: dict[str, Any] | bool = Field(
        description="JSON Schema every entity the rule applies to must match. Derived facts "
        "are under `$facts`.",
    )
