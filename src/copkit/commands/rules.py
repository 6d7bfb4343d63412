"""``copkit rules [CODE]``: list the governance rules, or explain one."""

from __future__ import annotations

import click

from copkit.lint import did_you_mean
from copkit.rules import RULES, RULES_BY_NAME
from copkit.rules.docs import rule_text


def run(code: str | None) -> int:
    """List every rule (or those whose code starts with ``code``), or explain one rule."""
    found = None if code is None else RULES.get(code.upper()) or RULES_BY_NAME.get(code)
    listed = [rule for rule in RULES.values() if code is None or rule.code.startswith(code.upper())]
    if found is None and listed:
        width = max(len(rule.name) for rule in listed)
        for rule in listed:
            preview = " [preview]" if rule.preview else ""
            click.echo(
                f"{rule.code}  {rule.name:<{width}}  {rule.default_severity:<7}  "
                f"{rule.summary()}{preview}"
            )
        return 0
    if found is None or code is None:
        hint = did_you_mean(code or "") or "`copkit rules` lists them all"
        click.echo(f"copkit: error: no rule {code!r}; {hint}", err=True)
        return 2
    click.echo(rule_text(found), nl=False)
    return 0
