"""Whether the work tree holds a commit's files for the loader: when ``report --to`` and
``score --as-of`` may read the checkout itself instead of a snapshot."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from copkit.snapshot import files_at
from copkit.worktree import holds_commit
from tests.gitrepo import GitRepo

ADA = ("Ada Lovelace", "ada@example.org")
PERSON = "apiVersion: copkit/v1\nkind: Person\nid: ada\nname: Ada\nemails: [ada@example.org]\n"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


ADA_FILE = "org/communities/people/ada.yaml"
FIRST = {"service/main.py": "print('hi')\n", "org/copkit.yaml": "data: communities\n"}


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """``org/`` (copkit's root, in a larger repository) at its second commit."""
    repo = GitRepo(tmp_path / "mono")
    for day, name in (("2026-01-05", "Ada"), ("2026-02-05", "Ada L.")):
        changed = {ADA_FILE: PERSON.replace("Ada", name)}
        repo.commit(day, author=ADA, date=f"{day}T10:00:00", files={**FIRST, **changed})
    return repo


def head(repo: GitRepo) -> str:
    return git(repo.root, "rev-parse", "HEAD").strip()


def test_a_clean_checkout_holds_its_head_and_no_other_commit(repo: GitRepo) -> None:
    org = repo.root / "org"
    assert holds_commit(org, head(repo))
    assert not holds_commit(org, git(repo.root, "rev-parse", "HEAD~1").strip())


def test_changes_outside_copkits_files_do_not_count(repo: GitRepo) -> None:
    (repo.root / "service" / "main.py").write_text("changed\n")
    (repo.root / "service" / "new.yaml").write_text("a: 1\n")
    assert holds_commit(repo.root / "org", head(repo))


@pytest.mark.parametrize(
    "change",
    [
        "edited",
        "staged",
        "deleted",
        "untracked entity",
        "untracked folder",
        "ignored entity",
        "config edited",
        "assume-unchanged",
        "skip-worktree",
    ],
)
def test_any_change_the_loader_would_see_means_a_snapshot(repo: GitRepo, change: str) -> None:
    org = repo.root / "org"
    ada = org / "communities" / "people" / "ada.yaml"
    if change == "edited":
        ada.write_text(PERSON + "unit: research\n")
    elif change == "staged":
        ada.write_text(PERSON + "unit: research\n")
        git(repo.root, "add", "org/communities/people/ada.yaml")
    elif change == "deleted":
        ada.unlink()
    elif change == "untracked entity":
        (ada.parent / "bob.yaml").write_text(PERSON.replace("ada", "bob"))
    elif change == "untracked folder":
        (ada.parent / "b" / "c").mkdir(parents=True)
        (ada.parent / "b" / "c" / "bob.yml").write_text(PERSON.replace("ada", "bob"))
    elif change == "ignored entity":
        (repo.root / ".git" / "info" / "exclude").write_text("bob.yaml\n")
        (ada.parent / "bob.yaml").write_text(PERSON.replace("ada", "bob"))
        assert git(repo.root, "status", "--porcelain") == ""
    elif change == "config edited":
        (org / "copkit.yaml").write_text("data: elsewhere\n")
    else:
        # Status does not look at files so flagged: their changes are invisible to it.
        flag = "--assume-unchanged" if change == "assume-unchanged" else "--skip-worktree"
        git(repo.root, "update-index", flag, ADA_FILE)
        ada.write_text(PERSON + "unit: research\n")
        assert git(repo.root, "status", "--porcelain") == ""
    assert not holds_commit(org, head(repo))


def test_files_the_loader_never_reads_do_not_count(repo: GitRepo) -> None:
    people = repo.root / "org" / "communities" / "people"
    (people / "notes.txt").write_text("not an entity\n")
    (people / ".draft.yaml").write_text("hidden\n")
    (people / ".cache").mkdir()
    (people / ".cache" / "x.yaml").write_text("hidden\n")
    assert holds_commit(repo.root / "org", head(repo))


def test_links_are_left_to_a_snapshot(repo: GitRepo) -> None:
    """A link resolves differently in the checkout and in a snapshot of it (an absolute
    one into the checkout is inside one and outside the other): never read in place."""
    people = repo.root / "org" / "communities" / "people"
    os.symlink(people / "ada.yaml", people / "alias.yaml")
    git(repo.root, "add", "org/communities/people/alias.yaml")
    git(repo.root, "commit", "-q", "-m", "a link")
    assert git(repo.root, "status", "--porcelain") == ""
    assert not holds_commit(repo.root / "org", head(repo))


def test_a_data_folder_reached_through_a_link_is_left_to_a_snapshot(repo: GitRepo) -> None:
    org = repo.root / "org"
    os.symlink("communities", org / "linked")
    (org / "copkit.yaml").write_text("data: linked\n")
    git(repo.root, "add", "org")
    git(repo.root, "commit", "-q", "-m", "data through a link")
    assert git(repo.root, "status", "--porcelain") == ""
    assert not holds_commit(org, head(repo))


def test_files_at_reads_the_work_tree_only_when_it_holds_the_commit(repo: GitRepo) -> None:
    org = repo.root / "org"
    with files_at(org, head(repo)) as folder:
        assert folder == org
    ada = org / "communities" / "people" / "ada.yaml"
    ada.write_text("uncommitted\n")
    with files_at(org, head(repo)) as folder:
        assert folder != org
        assert (folder / "communities" / "people" / "ada.yaml").read_text() == PERSON.replace(
            "Ada", "Ada L."
        )
    assert not folder.exists()
    assert ada.read_text() == "uncommitted\n"
