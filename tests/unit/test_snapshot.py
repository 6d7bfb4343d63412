"""Snapshots: the repository's files as they were at a commit, streamed from git archive."""

from __future__ import annotations

import os
import shutil
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


def test_git_still_writing_after_the_end_of_the_archive_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tarfile stops reading at the end-of-archive marker, but git may still be writing
    the record's padding. A snapshot must wait for git rather than close the pipe on it
    (which killed git with SIGPIPE and failed ``report`` now and then in CI)."""
    real_git = shutil.which("git")
    assert real_git is not None
    git = GitRepo(tmp_path / "repo")
    first = git.commit("one", author=ADA, date="2026-01-05T10:00:00", files={"a.yaml": "a: 1\n"})
    # A git that writes the real archive, pauses, then writes more zero padding: what a
    # git slower than its reader looks like. Any other command is the real git.
    slow = tmp_path / "bin"
    slow.mkdir()
    script = slow / "git"
    script.write_text(
        "#!/bin/sh\n"
        "set -e\n"
        'if [ "$3" = archive ]; then\n'
        f'  "{real_git}" "$@"\n'
        "  sleep 0.5\n"
        "  head -c 10240 /dev/zero\n"
        "  exit 0\n"
        "fi\n"
        f'exec "{real_git}" "$@"\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{slow}{os.pathsep}{os.environ['PATH']}")
    with snapshot(git.root, first) as folder:
        assert (folder / "a.yaml").read_text() == "a: 1\n"
