"""``copkit codeowners``: write or check ``.github/CODEOWNERS``."""

from __future__ import annotations

from pathlib import Path

import click

from copkit.codeowners import generate
from copkit.loader import load_repository
from copkit.reporting import get_reporter


def run(path: Path | None, *, check: bool = False, output: Path | None = None) -> int:
    """Write the CODEOWNERS file (or with ``check``, exit 1 when it is out of date)."""
    from copkit.base_branch import prefix_or_empty

    loaded = load_repository(path)
    if not loaded.ok:
        # Owners from a half-read repository would silently drop reviewers.
        click.echo(get_reporter("text")(loaded.findings.sorted()), err=True, nl=False)
        click.echo("copkit: CODEOWNERS not written: the repository is invalid", err=True)
        return 1
    repository = loaded.repository
    prefix = prefix_or_empty(repository.root)
    if output is None:
        toplevel = repository.root
        for _ in prefix.strip("/").split("/") if prefix else ():
            toplevel = toplevel.parent
        output = toplevel / ".github" / "CODEOWNERS"
    text = generate(repository, prefix)
    current = output.read_text(encoding="utf-8") if output.is_file() else None
    if check:
        if current == text:
            click.echo(f"{output}: up to date", err=True)
            return 0
        state = "missing" if current is None else "out of date"
        click.echo(f"{output}: {state}; run `copkit codeowners` and commit the result", err=True)
        return 1
    if current != text:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(f"{output}: up to date", err=True)
    return 0
