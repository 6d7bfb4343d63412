"""``copkit rules [CODE]``: list the governance rules, or explain one."""

from __future__ import annotations

from pathlib import Path

import click

from copkit.lint import did_you_mean
from copkit.loader import UsageError, load_config
from copkit.rules.docs import rule_text
from copkit.rules.plugins import PluginError
from copkit.rules.registry import rule_set


def run(code: str | None, repository: Path | None = None) -> int:
    """List every rule (or those whose code starts with ``code``), or explain one rule.

    Rules come from copkit, from installed plugins and from the copkit.yaml of
    ``repository`` (default: the current folder). A broken copkit.yaml exits 1; a
    plugin that cannot be loaded exits 2 with one line naming it.
    """
    try:
        _root, _config, custom, problems = load_config(repository)
        registry = rule_set(custom.rules)
    except (UsageError, PluginError) as error:
        click.echo(f"copkit: error: {error}", err=True)
        return 2
    for problem in problems:
        where = f"{problem.path}:{problem.line}:{problem.column}" if problem.line else problem.path
        click.echo(f"{where}: {problem.code} {problem.message}", err=True)
    if problems.count("error"):
        return 1
    found = None if code is None else registry.get(code)
    listed = [
        rule
        for rule in registry.rules.values()
        if code is None or rule.code.startswith(code.upper())
    ]
    if found is None and listed:
        width = max(len(rule.name) for rule in listed)
        source_width = max(len(rule.source) for rule in listed)
        for rule in listed:
            preview = " [preview]" if rule.preview else ""
            click.echo(
                f"{rule.code}  {rule.name:<{width}}  {rule.default_severity:<7}  "
                f"{rule.source:<{source_width}}  {rule.summary()}{preview}"
            )
        return 0
    if found is None or code is None:
        hint = did_you_mean(code or "", registry) or "`copkit rules` lists them all"
        click.echo(f"copkit: error: no rule {code!r}; {hint}", err=True)
        return 2
    click.echo(rule_text(found), nl=False)
    return 0
