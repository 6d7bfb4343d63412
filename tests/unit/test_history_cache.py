"""The history cache: git log's output reused only at the same commit, mailmap and config."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from copkit.history import EarlierRead, FileChange, History, read_history
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


def read_without_cache(git: GitRepo, monkeypatch: pytest.MonkeyPatch) -> History:
    with monkeypatch.context() as patch:
        patch.setenv("COPKIT_NO_CACHE", "1")
        return read(git)


def test_new_commits_in_a_line_reuse_the_cached_history(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    git_repo.commit(
        "d", author=EVE, date="2026-04-01T10:00:00", files={"communities/d.yaml": "d: 1\n"}
    )
    git_repo.commit(
        "outside the data folder", author=ADA, date="2026-04-02T10:00:00", files={"x.txt": "x"}
    )
    git_repo.commit(
        "e",
        author=ADA,
        date="2026-04-03T10:00:00",
        rename={"communities/d.yaml": "communities/e.yaml"},
        files={"communities/b.yaml": "b: 2\n"},
    )
    history = read(git_repo)
    # Only the new commits were read from git: the old ones come from the cache.
    assert history.commits[1].author_name == "Name From The Cache"
    assert [c.author_name for c in history.commits[3:]] == ["Eve Outsider", "Ada Lovelace"]
    poison(git_repo, "Name From The Cache", "Eve Outsider")
    assert facts(read(git_repo)) == facts(read_without_cache(git_repo, monkeypatch))
    assert [c.changes for c in history.commits[3:]] == [
        (FileChange("A", "communities/d.yaml"),),
        (
            FileChange("M", "communities/b.yaml"),
            FileChange("R", "communities/e.yaml", "communities/d.yaml"),
        ),
    ]


def merge_a_side_branch(git: GitRepo) -> None:
    """A commit on a side branch and one on main since HEAD, then a merge of the two."""
    side = git.repo.create_head("side", git.repo.head.commit)
    side.checkout()
    git.commit("side", author=EVE, date="2026-03-05T10:00:00", files={"communities/s.yaml": "s\n"})
    git.repo.heads.main.checkout()
    git.commit("main", author=ADA, date="2026-03-10T10:00:00", files={"communities/m.yaml": "m\n"})
    git.repo.git.merge("side", "--no-edit")


def test_a_merge_since_the_cached_commit_reads_the_whole_history(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    merge_a_side_branch(git_repo)
    history = read(git_repo)
    assert history.commits[1].author_name == "Eve Outsider"
    assert facts(history) == facts(read_without_cache(git_repo, monkeypatch))


def test_a_rewritten_history_reads_the_whole_history(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    git_repo.repo.git.reset("--hard", "HEAD~1")
    git_repo.commit(
        "instead", author=ADA, date="2026-03-02T10:00:00", files={"communities/z.yaml": "z\n"}
    )
    history = read(git_repo)
    assert history.commits[1].author_name == "Eve Outsider"
    assert [c.changes[0].path for c in history.commits] == [
        "communities/a.yaml",
        "communities/b.yaml",
        "communities/z.yaml",
    ]


def test_an_older_revision_is_not_read_from_a_newer_entry(git_repo: GitRepo) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    first = git_repo.repo.head.commit.parents[0].parents[0].hexsha
    older = read_history(git_repo.root, git_repo.root / "communities", EMAILS, rev=first)
    assert [c.author_name for c in older.commits] == ["Ada Lovelace"]


def test_a_changed_mailmap_misses_and_asks_git(git_repo: GitRepo) -> None:
    read(git_repo)
    (git_repo.root / ".mailmap").write_text("Eve Renamed <eve@elsewhere.example>\n")
    assert read(git_repo).commits[1].author_name == "Eve Renamed"


def test_changed_git_config_misses_and_asks_git(git_repo: GitRepo) -> None:
    read(git_repo)
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    subprocess.run(["git", "config", "diff.renameLimit", "7"], cwd=git_repo.root, check=True)
    assert read(git_repo).commits[1].author_name == "Eve Outsider"


def test_other_revisions_are_answered_by_their_own_or_a_later_entry(git_repo: GitRepo) -> None:
    first = git_repo.repo.head.commit.parents[0].hexsha
    at_first = read_history(git_repo.root, git_repo.root / "communities", EMAILS, rev=first)
    now = read(git_repo)
    again = read_history(git_repo.root, git_repo.root / "communities", EMAILS, rev=first)
    assert len(at_first.commits) == 2
    assert len(now.commits) == 3
    assert facts(again) == facts(at_first)
    # HEAD extends `first` in a straight line: one entry answers for both.
    [entry] = json.loads(cache_file(git_repo).read_text())["entries"].values()
    assert list(entry[2]) == [first]


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


def test_an_extended_entry_replaces_the_older_and_still_answers_for_it(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = git_repo.repo.head.commit.hexsha
    expected_before = facts(read(git_repo))
    for day in (1, 2, 3):
        git_repo.commit(
            f"day {day}",
            author=EVE,
            date=f"2026-04-0{day}T10:00:00",
            files={f"communities/n{day}.yaml": f"n: {day}\n"},
        )
        read(git_repo)
    entries = json.loads(cache_file(git_repo).read_text())["entries"]
    assert len(entries) == 1  # one copy of the history, not four
    [(_, _, earlier)] = entries.values()
    assert before in earlier
    assert len(earlier) == 3
    poison(git_repo, "Eve Outsider", "Name From The Cache")
    at_before = read_history(git_repo.root, git_repo.root / "communities", EMAILS, rev=before)
    assert at_before.commits[1].author_name == "Name From The Cache"
    poison(git_repo, "Name From The Cache", "Eve Outsider")
    at_before = read_history(git_repo.root, git_repo.root / "communities", EMAILS, rev=before)
    assert facts(at_before) == expected_before


def test_a_damaged_prefix_length_is_ignored(git_repo: GitRepo) -> None:
    expected = facts(read(git_repo))
    content = json.loads(cache_file(git_repo).read_text())
    for entry in content["entries"].values():
        entry[2] = {"f" * 40: 10**9}
    cache_file(git_repo).write_text(json.dumps(content))
    assert facts(read(git_repo)) == expected


def test_a_later_read_in_the_same_run_extends_the_earlier_without_the_cache(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``copkit report`` does: two reads, the later one git reads only in part."""
    monkeypatch.setenv("COPKIT_NO_CACHE", "1")
    first = git_repo.repo.head.commit.hexsha
    git_repo.commit(
        "d", author=EVE, date="2026-04-01T10:00:00", files={"communities/d.yaml": "d: 1\n"}
    )
    data = git_repo.root / "communities"
    earlier = EarlierRead()
    then = read_history(git_repo.root, data, EMAILS, rev=first, earlier=earlier)
    assert (earlier.commit, len(then.commits)) == (first, 3)
    assert earlier.text is not None
    earlier.text = earlier.text.replace("Eve Outsider", "Name From The First Read")
    now = read_history(
        git_repo.root, data, EMAILS, rev=git_repo.repo.head.commit.hexsha, earlier=earlier
    )
    assert [c.author_name for c in now.commits] == [
        "Ada Lovelace",
        "Name From The First Read",
        "Ada Lovelace",
        "Eve Outsider",
    ]
    assert not cache_file(git_repo).exists()
    fresh = read_history(git_repo.root, data, EMAILS, rev=first, earlier=EarlierRead())
    assert facts(fresh) == facts(then)


def test_a_later_read_after_a_merge_reads_everything(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPKIT_NO_CACHE", "1")
    first = git_repo.repo.head.commit.hexsha
    merge_a_side_branch(git_repo)
    data = git_repo.root / "communities"
    earlier = EarlierRead()
    read_history(git_repo.root, data, EMAILS, rev=first, earlier=earlier)
    assert earlier.text is not None
    earlier.text = earlier.text.replace("Eve Outsider", "Name From The First Read")
    now = read_history(
        git_repo.root, data, EMAILS, rev=git_repo.repo.head.commit.hexsha, earlier=earlier
    )
    assert "Name From The First Read" not in {c.author_name for c in now.commits}
    assert facts(now) == facts(read(git_repo))
