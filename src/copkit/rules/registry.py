"""The rules one run knows: copkit's, installed plugins' and those declared in copkit.yaml."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from copkit.rules.base import Rule
from copkit.rules.plugins import PluginError, plugin_rules


@dataclass(frozen=True)
class RuleSet:
    """Rules by code (in code order) and by name."""

    rules: dict[str, type[Rule]]
    by_name: dict[str, type[Rule]] = field(default_factory=dict)

    def get(self, key: str) -> type[Rule] | None:
        """The rule with this code (any case) or name."""
        return self.rules.get(key.upper()) or self.by_name.get(key)


def builtin_rules() -> RuleSet:
    from copkit.rules import RULES, RULES_BY_NAME

    return RuleSet(dict(RULES), dict(RULES_BY_NAME))


def rule_set(declared: Sequence[type[Rule]] = ()) -> RuleSet:
    """copkit's rules, every plugin's and ``declared``; raises :class:`PluginError`."""
    from copkit.rules import RULES

    combined: dict[str, type[Rule]] = dict(RULES)
    for rule in plugin_rules():
        combined[rule.code] = rule
    for rule in declared:
        other = combined.get(rule.code)
        if other is not None:
            raise PluginError(
                f"rule {rule.code} is declared in copkit.yaml and also by {other.source}"
            )
        clash = next((r for r in combined.values() if r.name == rule.name), None)
        if clash is not None:
            raise PluginError(
                f"rule name {rule.name!r} is declared in copkit.yaml and also by {clash.source}"
            )
        combined[rule.code] = rule
    ordered = {code: combined[code] for code in sorted(combined)}
    return RuleSet(ordered, {rule.name: rule for rule in ordered.values()})


__all__ = ["PluginError", "RuleSet", "builtin_rules", "rule_set"]
