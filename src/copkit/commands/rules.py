"""``copkit rules [CODE]``: list the governance rules, or explain one."""

from __future__ import annotations

import click

from copkit.lint import did_you_mean
from copkit.rules import RULES, RULES_BY_NAME
from copkit.rules.docs import rule_text


def run(code: str | None) -> int:
    if code is None:
        width = max(len(rule.name) for rule in RULES.values())
        for rule in RULES.values():
            preview = " [preview]" if rule.preview else ""
            click.echo(
                f"{rule.code}  {rule.name:<{width}}  {rule.default_severity:<7}  "
                f"{rule.summary()}{preview}"
            )
        return 0
    found = RULES.get(code.upper()) or RULES_BY_NAME.get(code)
    if found is None:
        hint = did_you_mean(code) or "`copkit rules` lists them all"
        click.echo(f"copkit: error: no rule {code!r}; {hint}", err=True)
        return 2
    click.echo(rule_text(found), nl=False)
    return 0
