"""Snapshots: the repository's files as they were at a commit, checked out by git."""

from __future__ import annotations

import os
import subprocess
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


def test_a_file_where_the_folder_should_be_is_a_usage_error(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    first = git.commit("one", author=ADA, date="2026-01-05T10:00:00", files={"org": "a file\n"})
    git.commit("two", author=ADA, date="2026-02-05T10:00:00", delete=("org",))
    git.commit("three", author=ADA, date="2026-03-05T10:00:00", files={"org/a.yaml": "a: 1\n"})
    with (
        pytest.raises(UsageError, match=f"org did not exist at commit {first[:12]}"),
        snapshot(git.root / "org", first),
    ):
        pass


def test_a_committed_link_out_of_the_repository_stays_a_link(tmp_path: Path) -> None:
    """Written as the link it is, never followed: the loader then reports it as it would
    in a checkout, and nothing is read or written outside the snapshot."""
    outside = tmp_path / "outside"
    outside.mkdir()
    git = GitRepo(tmp_path / "repo")
    (git.root / "communities").mkdir()
    os.symlink(outside, git.root / "communities" / "elsewhere")
    os.symlink("/etc/passwd", git.root / "communities" / "secret.yaml")
    run_git(git.root, "add", "communities")
    sha = git.commit("one", author=ADA, date="2026-01-05T10:00:00", files={"a.yaml": "a: 1\n"})
    with snapshot(git.root, sha) as folder:
        links = folder / "communities"
        assert os.readlink(links / "elsewhere") == str(outside)
        assert os.readlink(links / "secret.yaml") == "/etc/passwd"
    assert list(outside.iterdir()) == []


def test_a_tree_naming_a_link_and_a_folder_alike_writes_nothing_outside(tmp_path: Path) -> None:
    """A crafted tree (git's own commands never make one) holding a link ``out`` to a
    folder outside and a folder ``out`` with a file: the file must not land outside."""
    outside = tmp_path / "outside"
    outside.mkdir()
    git = GitRepo(tmp_path / "repo")
    git.commit("one", author=ADA, date="2026-01-05T10:00:00", files={"a.yaml": "a: 1\n"})
    blob = run_git(git.root, "hash-object", "-w", "--stdin", stdin="evil\n")
    link = run_git(git.root, "hash-object", "-w", "--stdin", stdin=str(outside))
    inner = run_git(git.root, "mktree", stdin=f"100644 blob {blob}\tevil.yaml\n")
    tree = run_git(git.root, "mktree", stdin=f"120000 blob {link}\tout\n040000 tree {inner}\tout\n")
    crafted = run_git(git.root, "commit-tree", tree, "-m", "crafted")
    try:
        with snapshot(git.root, crafted) as folder:
            written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
            assert written in ([], ["out"], ["out", "out/evil.yaml"])
    except UsageError:
        pass  # refusing the tree is as good
    assert list(outside.iterdir()) == []


def run_git(root: Path, *args: str, stdin: str | None = None) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
