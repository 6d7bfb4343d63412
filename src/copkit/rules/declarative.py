"""Rules declared in copkit.yaml: JSON Schemas instead of code, run like built-in rules.

A declared rule checks every entity of its ``kind``: when the entity (its data as written
plus derived ``$facts``) matches ``when`` (or there is no ``when``), it must match
``require``; otherwise a finding is made at the field the schema error points to, or at
the entity's ``id``. Each rule becomes a :class:`DeclarativeRule` subclass, so selection,
severity overrides, suppressions, reporters and ``copkit rules`` treat it like any other.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import Any, ClassVar

from jsonschema.protocols import Validator

from copkit.custom.facts import FACTS_KEY, HISTORY_FACT
from copkit.custom.schemas import first_error
from copkit.findings import Finding
from copkit.model.custom_config import CustomRule
from copkit.rules.base import Rule
from copkit.rules.context import LintContext
from copkit.validation import field_path

CONFIG_SOURCE = "copkit.yaml"


class DeclarativeRule(Rule):
    """Base of rules declared in copkit.yaml; :func:`declare` makes one per declaration."""

    source = CONFIG_SOURCE
    kind_name: ClassVar[str]
    message_template: ClassVar[str]
    fix_text: ClassVar[str | None] = None
    when_schema: ClassVar[Validator | None] = None
    require_schema: ClassVar[Validator]
    uses_facts: ClassVar[bool] = False

    def check(self, context: LintContext) -> Iterator[Finding]:
        repository = context.repository
        facts = context.facts
        when, require = self.when_schema, self.require_schema
        for entity in repository.entities.get(self.kind_name, {}).values():
            data: Any = repository.document(entity).data
            if self.uses_facts:
                data = {
                    **data,
                    FACTS_KEY: facts.of(entity, with_history=self.needs_history),
                }
            if when is not None and not when.is_valid(data):
                continue
            error = first_error(require, data)
            if error is None:
                continue
            loc: tuple[str | int, ...] = tuple(error.absolute_path)
            if not loc or loc[0] == FACTS_KEY:
                loc = ("id",)
            message = self.message_template.replace("{id}", entity.id)
            detail = f"{_where(error.absolute_path)}{error.message}"
            hint = f"{self.fix_text} ({detail})" if self.fix_text else detail
            yield self.at(context, entity, loc, message, hint=hint[:500])


def _where(path: Any) -> str:
    parts = list(path)
    return f"{field_path(parts)}: " if parts else ""


def declare(spec: CustomRule, when: Validator | None, require: Validator) -> type[Rule]:
    """The rule class for one ``rules:`` entry, with compiled ``when`` / ``require``."""
    schemas = json.dumps([spec.when, spec.require], sort_keys=True)
    applies = f"Applies to every {spec.kind}"
    if spec.when is not None:
        applies += " matching `when`: " + json.dumps(spec.when, sort_keys=True)
    requires = "Requires: " + json.dumps(spec.require, sort_keys=True)
    rationale = spec.rationale or f"Declared in {CONFIG_SOURCE}."
    fix = spec.fix or "Change the entity so that it matches the rule's `require` schema."
    doc = "\n".join(
        [
            (spec.summary or spec.message).replace("\n", " "),
            "",
            "Rationale:",
            textwrap.indent(f"{rationale}\n\n{applies}.\n\n{requires}", "    "),
            "",
            "Fix:",
            textwrap.indent(fix, "    "),
        ]
    )
    attributes: dict[str, Any] = {
        "__doc__": doc,
        "code": spec.code,
        "name": spec.name,
        "default_severity": spec.severity,
        "kind_name": spec.kind,
        "message_template": spec.message,
        "fix_text": spec.fix,
        "when_schema": when,
        "require_schema": require,
        "uses_facts": FACTS_KEY in schemas,
        "needs_history": HISTORY_FACT in schemas,
    }
    class_name = "".join(part.capitalize() for part in spec.name.split("-")) + "Rule"
    return type(class_name, (DeclarativeRule,), attributes)
