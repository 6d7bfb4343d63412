"""Fixtures of the adversarial corpus: a canonical, committed base repository per case."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial.corpus import Case, base_repository
from tests.adversarial.harness import run_inprocess

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Ada Lovelace",
    "GIT_AUTHOR_EMAIL": "ada@example.org",
    "GIT_COMMITTER_NAME": "Ada Lovelace",
    "GIT_COMMITTER_EMAIL": "ada@example.org",
    "GIT_AUTHOR_DATE": "2026-05-01T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-05-01T12:00:00+00:00",
}


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), "-c", "commit.gpgsign=false", *args],
        capture_output=True,
        text=True,
        env=env or GIT_ENV,
        check=True,
        timeout=60,
    )
    return result.stdout


def commit_all(root: Path, message: str = "state") -> None:
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)


@pytest.fixture(scope="session")
def base_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid minimal organisation, in canonical layout (so ``fmt --check`` is clean)."""
    root = tmp_path_factory.mktemp("adversarial-base") / "repo"
    base_repository(root)
    result = run_inprocess(["fmt", str(root)])
    assert result.code == 0, result.output
    return root


@pytest.fixture
def make_case(base_template: Path, tmp_path: Path) -> Callable[[Case], Path]:
    """A committed copy of the base repository with ``case`` applied."""

    def make(case: Case) -> Path:
        root = tmp_path / "repo"
        shutil.copytree(base_template, root, symlinks=True)
        case.setup(root)
        commit_all(root)
        return root

    return make
