"""Snapshots: the repository's files as they were at a commit, streamed from git archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from copkit.loader import UsageError
from copkit.snapshot import snapshot
from tests.gitrepo import GitRepo

ADA = ("Ada Lovelace", "ada@example.org")


def test_a_snapshot_holds_the_files_of_that_commit_only(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    first = git.commit(
        "one",
        author=ADA,
        date="2026-01-05T10:00:00",
        files={"org/communities/a.yaml": "a: 1\n", "org/notes/ü b.txt": "x" * 70_000},
    )
    git.commit(
        "two",
        author=ADA,
        date="2026-02-05T10:00:00",
        files={"org/communities/a.yaml": "a: 2\n", "org/communities/b.yaml": "b: 1\n"},
    )
    with snapshot(git.root / "org", first) as folder:
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert files == ["communities/a.yaml", "notes/ü b.txt"]
        assert (folder / "communities/a.yaml").read_text() == "a: 1\n"
        assert (folder / "notes/ü b.txt").read_text() == "x" * 70_000
    assert not folder.exists()


def test_a_folder_missing_at_the_commit_is_a_usage_error(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    first = git.commit("one", author=ADA, date="2026-01-05T10:00:00", files={"README": "hi\n"})
    git.commit(
        "two", author=ADA, date="2026-02-05T10:00:00", files={"org/communities/a.yaml": "a\n"}
    )
    missing = pytest.raises(UsageError, match=f"org did not exist at commit {first[:12]}")
    with missing, snapshot(git.root / "org", first):
        pass
