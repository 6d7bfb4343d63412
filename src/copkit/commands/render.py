"""``copkit render``: the site's pages as plain Markdown files, for any site generator."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import click

from copkit.commands.build import swap_into
from copkit.history import history_of
from copkit.loader import load_repository
from copkit.render import render_site
from copkit.render.inputs import lint_rules, network, score
from copkit.render.site import history_date
from copkit.reporting.text import report, summary


def run(path: Path | None, out: Path) -> int:
    """Write every page and asset under ``out`` (replaced atomically); return the exit code."""
    loaded = load_repository(path)
    if not loaded.ok:
        findings = loaded.findings.sorted()
        click.echo(report(findings), nl=False)
        click.echo(summary(findings, checked="the repository"), err=True)
        return 1
    repository = loaded.repository
    history = history_of(repository)
    as_of = history_date(history) or dt.date.today()
    site = render_site(
        repository,
        history=history,
        health=score(repository, history, as_of),
        rules=lint_rules(repository),
        as_of=as_of,
        network=network(repository, history),
    )
    target = out.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.render-", dir=target.parent))
    files = {**{p: m.encode("utf-8") for p, m in site.pages.items()}, **site.assets}
    for relative, data in sorted(files.items()):
        destination = (staging / relative).resolve()
        if not destination.is_relative_to(staging.resolve()):
            raise click.ClickException(f"refusing to write outside the output folder: {relative}")
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    swap_into(staging, target)
    click.echo(f"copkit: {len(site.pages)} pages written to {target}", err=True)
    return 0
