"""One pass over git history: authors mapped to people, renames followed, shallow clones."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from copkit.commands.score import score_point
from copkit.history import (
    RECORD,
    GitRefError,
    PendingHistory,
    _oldest_first,
    check_rev,
    early_history,
    read_history,
)
from copkit.loader import data_folder
from copkit.reporting.health import to_json
from tests.conftest import CONFIG, minimal_entities
from tests.gitrepo import GitRepo

ADA = ("Ada Lovelace", "Ada@Example.org")
EVE = ("Eve Outsider", "eve@elsewhere.example")
EMAILS = {"ada@example.org": "ada"}


@pytest.fixture
def history_repo(tmp_path: Path) -> GitRepo:
    git = GitRepo(tmp_path / "repo")
    git.commit(
        "start", author=ADA, date="2026-01-05T10:00:00", files={"communities/a.yaml": "a: 1\n"}
    )
    git.commit(
        "outside", author=EVE, date="2026-02-01T10:00:00", files={"communities/b.yaml": "b: 1\n"}
    )
    git.commit(
        "rename",
        author=ADA,
        date="2026-03-01T10:00:00",
        rename={"communities/a.yaml": "communities/c.yaml"},
    )
    git.commit("docs", author=EVE, date="2026-03-02T10:00:00", files={"README.md": "hi\n"})
    git.commit(
        "edit", author=EVE, date="2026-04-01T10:00:00", files={"communities/c.yaml": "a: 2\n"}
    )
    return git


def test_commits_map_authors_to_people_case_insensitively(history_repo: GitRepo) -> None:
    history = read_history(history_repo.root, history_repo.root / "communities", EMAILS)
    assert history.complete
    assert [commit.person for commit in history.commits] == ["ada", None, "ada", None]
    assert history.commits[1].author_email == "eve@elsewhere.example"


def test_only_data_folder_commits_are_read_oldest_first(history_repo: GitRepo) -> None:
    history = read_history(history_repo.root, history_repo.root / "communities", EMAILS)
    assert [commit.time.month for commit in history.commits] == [1, 2, 3, 4]
    assert all(commit.time.tzinfo is not None for commit in history.commits)


def test_renamed_file_keeps_its_history(history_repo: GitRepo) -> None:
    history = read_history(history_repo.root, history_repo.root / "communities", EMAILS)
    touching = history.commits_by_path["communities/c.yaml"]
    assert [commit.time.month for commit in touching] == [1, 3, 4]
    assert "communities/a.yaml" not in history.commits_by_path
    assert history.last_change["communities/c.yaml"].time.month == 4


def test_until_cuts_history_at_a_moment(history_repo: GitRepo) -> None:
    history = read_history(history_repo.root, history_repo.root / "communities", EMAILS)
    cut = history.until(dt.datetime(2026, 2, 15, tzinfo=dt.UTC))
    assert len(cut.commits) == 2


def test_shallow_clone_is_detected_and_its_boundary_is_not_counted(
    history_repo: GitRepo, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{history_repo.root}", str(clone)],
        check=True,
    )
    history = read_history(clone, clone / "communities", EMAILS)
    assert history.available
    assert history.shallow
    assert not history.complete
    # The boundary commit looks like it added every file; it must not be credited.
    assert history.commits == []


def test_folder_outside_git_has_no_history(tmp_path: Path) -> None:
    history = read_history(tmp_path, tmp_path, EMAILS)
    assert not history.available
    assert "not a git repository" in (history.reason or "")


def test_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    GitRepo(tmp_path / "empty")
    history = read_history(tmp_path / "empty", tmp_path / "empty", EMAILS)
    assert not history.available
    assert history.reason == "the git repository has no commits yet"


def test_missing_git_binary_is_reported(
    history_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    history = read_history(history_repo.root, history_repo.root, EMAILS)
    assert not history.available
    assert history.reason is not None
    assert "git is not installed" in history.reason


@pytest.mark.parametrize("rev", ["--output=/tmp/x", "-p", "", "HEAD; rm -rf /", "no-such-branch"])
def test_unsafe_or_unknown_revisions_are_refused(history_repo: GitRepo, rev: str) -> None:
    with pytest.raises(GitRefError):
        check_rev(history_repo.root, rev)


def test_valid_revision_resolves_to_a_full_sha(history_repo: GitRepo) -> None:
    sha = check_rev(history_repo.root, "HEAD~1")
    assert len(sha) == 40


@pytest.mark.parametrize(
    ("config", "folder"),
    [
        (None, "communities"),
        ("apiVersion: copkit/v1\nkind: Config\n", "communities"),
        ("apiVersion: copkit/v1\nkind: Config\ndata: entities\n", "entities"),
    ],
)
def test_early_history_reads_the_folder_the_loader_reads(
    tmp_path: Path, config: str | None, folder: str
) -> None:
    git = GitRepo(tmp_path / "repo")
    files = {f"{folder}/a.yaml": "a: 1\n", "communities/x.yaml": "x: 1\n"}
    if config is not None:
        files["copkit.yaml"] = config
    git.commit("start", author=ADA, date="2026-01-05T10:00:00", files=files)
    for start in (git.root, git.root / "communities"):
        pending = early_history(start)
        assert pending is not None
        assert pending.reads(*data_folder(start))
        pending.cancel()
    pending = early_history(git.root)
    assert pending is not None
    assert [commit.person for commit in pending.result(EMAILS).commits] == ["ada"]


def test_score_with_a_wrong_early_guess_starts_git_again(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    files: dict[str, object] = {"copkit.yaml": CONFIG}
    files.update({f"communities/{path}": doc for path, doc in minimal_entities().items()})
    git.commit("start", author=ADA, date="2026-01-05T10:00:00", files=files)
    git.commit("docs", author=EVE, date="2026-02-01T10:00:00", files={"README.md": "hi\n"})
    wrong = PendingHistory(git.root, git.root / "docs")  # a folder git has nothing for
    assert not wrong.reads(*data_folder(git.root))
    assert PendingHistory(git.root, git.root / "docs").result({}).commits == []
    day = dt.date(2026, 5, 1)
    expected = score_point(git.root, None, today=day, trend=False)
    guessed = score_point(git.root, None, today=day, trend=False, early=wrong)
    assert to_json(guessed) == to_json(expected)


def test_recurring_strings_are_one_object_across_commits(history_repo: GitRepo) -> None:
    history = read_history(history_repo.root, history_repo.root / "communities", EMAILS)
    _, outside, rename, edit = history.commits
    # c.yaml in the rename and the edit; Eve's address in both her commits; a parent sha.
    assert rename.changes[0].path == "communities/c.yaml"
    assert rename.changes[0].path is edit.changes[0].path
    assert outside.author_email is edit.author_email
    assert rename.parents[0] is outside.sha


@pytest.mark.parametrize(
    "output",
    ["", "\x1e", "\x1ea\x1eb", "lead\x1ea\x1e\x1eb\x1e", "\x1e\x1e", "only", "\x1eone\0x\0"],
)
def test_records_come_oldest_first_as_a_reversed_split_gives_them(output: str) -> None:
    expected = [record for record in reversed(output.split(RECORD)) if record]
    assert [record for record in _oldest_first(output) if record] == expected
