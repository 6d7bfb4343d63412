"""Rules from other packages, registered under the ``copkit.rules`` entry-point group.

A plugin distribution declares, in its packaging metadata::

    [project.entry-points."copkit.rules"]
    acme = "acme_copkit.rules:RULES"

The entry point names a :class:`~copkit.rules.Rule` subclass or a list / tuple of them.
Plugin rules use the built-in rule interface and run like built-in rules; their codes
must be in a prefix of their own (never ``COP``). A plugin that cannot be imported, or
that breaks these conventions, stops the run with one line that names it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import EntryPoint, entry_points

from copkit.rules.base import Rule

ENTRY_POINT_GROUP = "copkit.rules"
_CODE_RE = re.compile(r"^[A-Z]{2,8}[0-9]{3,4}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class PluginError(Exception):
    """A rule plugin that cannot be used; the message names the plugin and why."""


def _distribution(entry_point: EntryPoint) -> str:
    dist = entry_point.dist
    return dist.name if dist is not None else entry_point.value.split(":")[0]


@cache
def plugin_rules() -> tuple[type[Rule], ...]:
    """Every rule the installed plugins register, checked; raises :class:`PluginError`."""
    from copkit.rules import RULES, RULES_BY_NAME

    found: dict[str, type[Rule]] = {}
    names: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        if (entry_point.name, entry_point.value) in seen:
            continue  # the same distribution found twice on sys.path
        seen.add((entry_point.name, entry_point.value))
        source = _distribution(entry_point)
        where = f"rule plugin {entry_point.name!r} ({source})"
        try:
            loaded = entry_point.load()
        except Exception as error:  # a plugin's import may fail in any way
            reason = str(error).splitlines()[0] if str(error) else ""
            raise PluginError(
                f"{where}: cannot load {entry_point.value}: {type(error).__name__}: {reason}"
            ) from None
        candidates = list(loaded) if isinstance(loaded, list | tuple) else [loaded]
        for candidate in candidates:
            if not (isinstance(candidate, type) and issubclass(candidate, Rule)):
                raise PluginError(f"{where}: {candidate!r} is not a copkit Rule subclass")
            code = getattr(candidate, "code", "")
            name = getattr(candidate, "name", "")
            if not isinstance(code, str) or not _CODE_RE.match(code) or code.startswith("COP"):
                raise PluginError(
                    f"{where}: rule code {code!r} must be capitals then 3-4 digits, not COP..."
                )
            if code in RULES or code in found:
                owner = "copkit" if code in RULES else found[code].source
                raise PluginError(f"{where}: rule code {code} is already used by {owner}")
            if not isinstance(name, str) or not _NAME_RE.match(name):
                raise PluginError(f"{where}: rule {code} needs a kebab-case `name`")
            if name in RULES_BY_NAME or name in names:
                raise PluginError(f"{where}: rule name {name!r} is already used")
            if getattr(candidate, "default_severity", None) not in ("error", "warning", "info"):
                raise PluginError(f"{where}: rule {code} needs a default_severity")
            candidate.source = source
            found[code] = candidate
            names[name] = code
    return tuple(found.values())
