"""The history cache: git log's output reused only at the same commit, mailmap and config."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from copkit.history import History, read_history
from copkit.history_cache import FILE_NAME
from tests.gitrepo import GitRepo

ADA = ("Ada Lovelace", "ada@example.org")
EVE = ("Eve Outsider", "eve@elsewhere.example")
EMAILS = {"ada@example.org": "ada"}


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    monkeypatch.delenv("COPKIT_NO_CACHE", raising=False)
    git = GitRepo(tmp_path / "repo")
    git.commit("a", author=ADA, date="2026-01-05T10:00:00", files={"communities/a.yaml": "a: 1\n"})
    git.commit("b", author=EVE, date="2026-02-01T10:00:00", files={"communities/b.yaml": "b: 1\n"})
    git.commit(
        "rename",
        author=ADA,
        date="2026-03-01T10:00:00",
        rename={"communities/a.yaml": "communities/c.yaml"},
    )
    return git


def read(git: GitRepo) -> History:
    return read_history(git.root, git.root / "communities", EMAILS)


def cache_file(git: GitRepo) -> Path:
    return git.root / ".git" / "copkit" / "cache" / FILE_NAME


def facts(history: History) -> list[tuple[object, ...]]:
    return [
        (c.sha, c.parents, c.time, c.author_name, c.author_email, c.person, c.changes)
        for c in history.commits
    ]


def poison(git: GitRepo, old: str, new: str) -> None:
    """Edit the cached git output, to see whether the next read uses it."""
    content = json.loads(cache_file(git).read_text())
    for entry in content["entries"].values():
        entry[1] = entry[1].replace(old, new)
    cache_file(git).write_text(json.dumps(content))


def test_second_read_gives_the_same_history_from_the_cache(git_repo: GitRepo) -> None:
    cold = read(git_repo)
    assert cache_file(git_repo).is_file()
    warm = read(git_repo)
    assert facts(warm) == facts(cold)
    assert (warm.available, warm.shallow, warm.head) == (cold.available, cold.shallow, cold.head)
    assert [c.changes[0].status for c in warm.commits] == ["A", "A", "R"]


def test_cached_output_is_really_used_at_the_same_commit(git_repo: GitRepo) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    assert read(git_repo).commits[1].author_name == "Name From The Cache"


def test_a_new_commit_misses_and_asks_git(git_repo: GitRepo) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    git_repo.commit(
        "d", author=EVE, date="2026-04-01T10:00:00", files={"communities/d.yaml": "d: 1\n"}
    )
    history = read(git_repo)
    assert len(history.commits) == 4
    assert history.commits[1].author_name == "Eve Outsider"


def test_a_changed_mailmap_misses_and_asks_git(git_repo: GitRepo) -> None:
    read(git_repo)
    (git_repo.root / ".mailmap").write_text("Eve Renamed <eve@elsewhere.example>\n")
    assert read(git_repo).commits[1].author_name == "Eve Renamed"


def test_changed_git_config_misses_and_asks_git(git_repo: GitRepo) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    subprocess.run(["git", "config", "diff.renameLimit", "7"], cwd=git_repo.root, check=True)
    assert read(git_repo).commits[1].author_name == "Eve Outsider"


def test_other_revisions_have_their_own_entries(git_repo: GitRepo) -> None:
    first = git_repo.repo.head.commit.parents[0].hexsha
    at_first = read_history(git_repo.root, git_repo.root / "communities", EMAILS, rev=first)
    now = read(git_repo)
    again = read_history(git_repo.root, git_repo.root / "communities", EMAILS, rev=first)
    assert len(at_first.commits) == 2
    assert len(now.commits) == 3
    assert facts(again) == facts(at_first)
    assert len(json.loads(cache_file(git_repo).read_text())["entries"]) == 2


@pytest.mark.parametrize("content", [b"not json", b"[]", b'{"format": 1, "entries": {}}'])
def test_corrupt_history_cache_is_ignored(git_repo: GitRepo, content: bytes) -> None:
    expected = facts(read(git_repo))
    cache_file(git_repo).write_bytes(content)
    assert facts(read(git_repo)) == expected
    assert facts(read(git_repo)) == expected


def test_unwritable_cache_is_ignored(git_repo: GitRepo) -> None:
    (git_repo.root / ".git" / "copkit").write_text("in the way\n")
    history = read(git_repo)
    assert len(history.commits) == 3


def test_turned_off_by_the_environment(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPKIT_NO_CACHE", "1")
    assert len(read(git_repo).commits) == 3
    assert not cache_file(git_repo).exists()
