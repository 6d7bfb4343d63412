"""``copkit init DIR``: a new community repository that passes ``copkit check`` at once."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import click

from copkit.loader import UsageError
from copkit.starter import COMMUNITY, DATA_DIR, plan


def inside_work_tree(folder: Path) -> bool:
    """Whether ``folder`` (which exists) is inside a git work tree."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        return False
    return result.returncode == 0 and result.stdout.strip() == "true"


def run(
    directory: Path,
    *,
    title: str,
    today: dt.date | None,
    force: bool,
    git: bool | None,
) -> int:
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: exists and is not a folder")
    if not title.strip() or "\n" in title:
        raise UsageError("--title must be one line of text")
    files = plan(today=today or dt.date.today(), title=title.strip())
    existing = [name for name in files if (directory / name).exists()]
    if existing and not force:
        click.echo(
            f"copkit: error: {len(existing)} of the files to write exist in {directory}; "
            "add --force to overwrite them:",
            err=True,
        )
        for name in existing:
            click.echo(f"  {name}", err=True)
        return 2
    blocked = [name for name in existing if (directory / name).is_dir()]
    if blocked:
        raise UsageError(f"{directory / blocked[0]}: is a folder; cannot write a file there")
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    initialise_git = git if git is not None else not inside_work_tree(directory)
    if initialise_git and not (directory / ".git").exists():
        result = subprocess.run(
            ["git", "init", "--quiet", str(directory)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            click.echo(f"copkit: warning: git init failed: {result.stderr.strip()}", err=True)
            initialise_git = False
    verb = "overwrote" if existing else "wrote"
    done = ", git init" if initialise_git else ""
    click.echo(f"{verb} {len(files)} files in {directory}{done}")
    click.echo(
        "\nNext steps:\n"
        f"  cd {directory}\n"
        "  copkit check                  # validate, lint and score: passes now\n"
        "  copkit serve                  # browse the site at http://127.0.0.1:8000\n"
        f"  edit or replace the example in {DATA_DIR}/{COMMUNITY}/ and {DATA_DIR}/people/\n"
        "  pre-commit install            # run the checks on every commit\n"
        "  git add -A && git commit -m 'Start our communities of practice'\n"
        "  push to GitHub, then Settings -> Pages -> Source: GitHub Actions"
    )
    return 0
