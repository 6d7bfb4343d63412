"""Turning copkit.yaml's ``fields:`` and ``rules:`` into validators and rule classes.

Every schema is checked when the config loads; a problem is a COP110 finding at its
line and column in copkit.yaml (exit 1), never a crash later in the run.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from copkit.custom.governance import CustomGovernance, ExtensionField
from copkit.findings import Finding
from copkit.load.document import Document
from copkit.model import ENTITY_MODELS
from copkit.model.config import CONFIG_FILE_NAME, Config
from copkit.model.custom_config import FIELD_NAME_PATTERN
from copkit.model.introspect import document_keys

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

CODE = "COP110"
RESERVED_PREFIX = "COP"


def compile_custom(
    config: Config, document: Document | None
) -> tuple[CustomGovernance, list[Finding]]:
    """The compiled governance of ``config`` and every problem with it."""
    if not config.fields and not config.rules:  # nothing declared: jsonschema is not needed
        return CustomGovernance(), []
    from copkit.custom.schemas import SchemaProblem, compile_schema
    from copkit.rules import RULES, RULES_BY_NAME
    from copkit.rules.base import Rule
    from copkit.rules.declarative import declare

    problems: list[Finding] = []

    def problem(loc: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        if document is None:
            problems.append(Finding(CODE, "error", message, CONFIG_FILE_NAME, 0, 0, hint))
            return
        line, column = document.locate(loc, key=bool(loc) and isinstance(loc[-1], str))
        problems.append(Finding(CODE, "error", message, document.path, line, column, hint))

    def compiled(loc: tuple[str | int, ...], schema: Any, what: str) -> Validator | None:
        try:
            return compile_schema(schema)
        except SchemaProblem as error:
            problem((*loc, *error.loc), f"{what}: {error.message}")
            return None

    fields: dict[str, dict[str, ExtensionField]] = {}
    for kind, declared in config.fields.items():
        built_in = set(document_keys(ENTITY_MODELS[kind]))
        for name, schema in declared.items():
            loc: tuple[str | int, ...] = ("fields", kind, name)
            if not re.fullmatch(FIELD_NAME_PATTERN, name):
                problem(loc, f"field name {name!r} is not snake_case", "write it like risk_level")
                continue
            if name in built_in:
                problem(loc, f"{kind} already has a field {name!r}", "choose another name")
                continue
            if not isinstance(schema.get("description"), str) or not schema["description"]:
                problem(
                    loc,
                    f"field {kind}.{name} has no `description`",
                    "say what the field means; editors and the site show it",
                )
                continue
            validator = compiled(loc, schema, f"schema of field {kind}.{name}")
            if validator is not None:
                fields.setdefault(kind, {})[name] = ExtensionField(kind, name, schema, validator)

    rules: list[type[Rule]] = []
    codes: set[str] = set()
    names: set[str] = set()
    for index, spec in enumerate(config.rules):
        rule_loc: tuple[str | int, ...] = ("rules", index)
        if spec.code.startswith(RESERVED_PREFIX) or spec.code in RULES:
            problem(
                (*rule_loc, "code"),
                f"rule code {spec.code!r} is in copkit's own prefix {RESERVED_PREFIX}",
                "use your organisation's prefix, e.g. BWM101",
            )
            continue
        if spec.code in codes or spec.name in names or spec.name in RULES_BY_NAME:
            clash = "code" if spec.code in codes else "name"
            problem(
                (*rule_loc, clash),
                f"rule {clash} {getattr(spec, clash)!r} is used by another rule",
                "every rule needs its own code and name",
            )
            continue
        when = None
        if spec.when is not None:
            when = compiled((*rule_loc, "when"), spec.when, f"`when` of {spec.code}")
            if when is None:
                continue
        require = compiled((*rule_loc, "require"), spec.require, f"`require` of {spec.code}")
        if require is None:
            continue
        codes.add(spec.code)
        names.add(spec.name)
        rules.append(declare(spec, when, require))
    return CustomGovernance(fields, tuple(rules)), problems
