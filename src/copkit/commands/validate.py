"""``copkit validate``: read, check and resolve every file of a repository."""

from __future__ import annotations

from pathlib import Path

import click

from copkit.loader import load_repository
from copkit.reporting import get_reporter
from copkit.reporting.text import summary


def run(path: Path | None, output_format: str) -> int:
    """Validate the repository at ``path``; print findings; return the exit code."""
    result = load_repository(path)
    findings = result.findings.sorted()
    click.echo(get_reporter(output_format)(findings), nl=False)
    if output_format == "text":
        count = sum(len(by_id) for by_id in result.repository.entities.values())
        click.echo(summary(findings, checked=f"{count} valid entities"), err=True)
    return 0 if result.ok else 1
