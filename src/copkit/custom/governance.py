"""The compiled form of copkit.yaml's ``fields:`` and ``rules:``, built once per run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported only when copkit.yaml declares something
    from jsonschema.protocols import Validator

    from copkit.rules.base import Rule


@dataclass(frozen=True)
class ExtensionField:
    """One organisation field of one kind, with its compiled schema."""

    kind: str
    name: str
    schema: dict[str, Any]
    validator: Validator = field(repr=False, compare=False)

    @property
    def description(self) -> str:
        return str(self.schema.get("description", ""))

    @property
    def title(self) -> str:
        """How the site labels the field: the schema's ``title``, or the name in words."""
        title = self.schema.get("title")
        return str(title) if title else self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class CustomGovernance:
    """Extension fields by kind and name (in config order) and declared rule classes."""

    fields: dict[str, dict[str, ExtensionField]] = field(default_factory=dict)
    rules: tuple[type[Rule], ...] = ()

    def fields_of(self, kind: str) -> dict[str, ExtensionField]:
        return self.fields.get(kind, {})

    def values_of(self, kind: str, data: Any) -> list[tuple[ExtensionField, Any]]:
        """The extension fields a document carries, in declaration order, with values."""
        declared = self.fields.get(kind)
        if not declared or not isinstance(data, dict):
            return []
        return [(spec, data[name]) for name, spec in declared.items() if name in data]
