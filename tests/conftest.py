"""Shared fixtures: small real repositories written to tmp_path."""

from __future__ import annotations

import subprocess
import sys
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import git
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]

CONFIG = "apiVersion: copkit/v1\nkind: Config\ndata: communities\n"


def entity(kind: str, id: str, **fields: Any) -> dict[str, Any]:
    """A document dict with the envelope every entity starts with."""
    return {"apiVersion": "copkit/v1", "kind": kind, "id": id, **fields}


def minimal_entities() -> dict[str, dict[str, Any]]:
    """A tiny, valid organisation: path (under communities/) -> document."""
    return {
        "taxonomy/tax.yaml": entity(
            "Taxonomy",
            "tax",
            title="Vocabulary",
            tags=[{"id": "mlops", "label": "MLOps"}],
            skills=[{"id": "python", "label": "Python"}],
        ),
        "people/ada.yaml": entity(
            "Person",
            "ada",
            name="Ada Lovelace",
            emails=["ada@example.org"],
            skills=[{"skill": "python", "level": "expert"}],
        ),
        "people/bob.yaml": entity("Person", "bob", name="Bob Byte", emails=["bob@example.org"]),
        "mle/mle.yaml": entity(
            "Community",
            "mle",
            name="ML Engineering",
            summary="People who ship models.",
            stage="active",
            domain=["mlops"],
            leads=[
                {"person": "ada", "role": "chair", "since": "2025-01-01"},
                {"person": "bob", "role": "co-chair", "since": "2025-01-01"},
            ],
            members=[{"person": "ada", "level": "core"}, {"person": "bob", "level": "active"}],
        ),
        "mle/practices/pin-data.yaml": entity(
            "Practice",
            "pin-data",
            title="Pin training data",
            community="mle",
            owners=["ada"],
            status="adopted",
            summary="Snapshot the data every model is trained on.",
            approvals=[{"person": "bob", "date": "2026-01-10"}],
        ),
    }


class RepoWriter:
    """Writes entity files into a repository folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "communities"

    def write(self, relative: str, content: dict[str, Any] | str | bytes) -> Path:
        path = self.data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
        return path


@pytest.fixture
def repo(tmp_path: Path) -> RepoWriter:
    """A valid minimal repository in tmp_path/repo."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "copkit.yaml").write_text(CONFIG, encoding="utf-8")
    writer = RepoWriter(root)
    for relative, document in minimal_entities().items():
        writer.write(relative, document)
    return writer


def run_copkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``copkit`` command line in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "copkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture
def copkit() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_copkit


_open_repos: weakref.WeakSet[git.Repo] = weakref.WeakSet()
_repo_init = git.Repo.__init__


def _tracked_init(self: git.Repo, *args: Any, **kwargs: Any) -> None:
    _repo_init(self, *args, **kwargs)
    _open_repos.add(self)


git.Repo.__init__ = _tracked_init  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _close_git_repos() -> Iterator[None]:
    """Stop GitPython's persistent ``git cat-file`` processes after every test.

    Left to the collector, a Repo in a reference cycle may have its Popen objects
    finalised before the wrapper that waits for them: "subprocess is still running"
    and unclosed pipes, which ``filterwarnings = error`` turns into a failed session on
    a busy machine. ``close()`` terminates and waits for each, now.
    """
    yield
    for repo in list(_open_repos):
        repo.close()


# Fixtures shared from their own modules.
from tests.healthkit import repo_builder  # noqa: E402, F401
