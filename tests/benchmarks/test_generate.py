"""The benchmark generator writes a valid organisation with a real, attributed git history."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.generate import END, generate, plan_sizes  # noqa: E402

ENTITIES = 200
COMMITS = 300
SEED = 7


@pytest.fixture(scope="module")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "org"
    generate(out, ENTITIES, COMMITS, SEED)
    return out


def _entity_files(org: Path) -> list[Path]:
    return sorted((org / "communities").rglob("*.yaml"))


def _copkit_validate(path: Path) -> subprocess.CompletedProcess[str]:
    # This checkout's copkit, run as a user runs it, whatever copkit is installed.
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "copkit", "validate", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_generated_organisation_passes_copkit_validate(organisation: Path) -> None:
    result = _copkit_validate(organisation)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"({ENTITIES} valid entities)" in result.stderr


def test_a_commit_in_the_middle_of_the_history_is_valid_too(
    organisation: Path, tmp_path: Path
) -> None:
    repo = git.Repo(organisation)
    middle = list(repo.iter_commits("main"))[COMMITS // 2]
    snapshot = tmp_path / "middle"
    repo.git.worktree("add", "--detach", str(snapshot), middle.hexsha)
    try:
        result = _copkit_validate(snapshot)
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        repo.git.worktree("remove", "--force", str(snapshot))


def test_generated_organisation_has_the_requested_number_of_entity_files(
    organisation: Path,
) -> None:
    files = _entity_files(organisation)
    assert len(files) == ENTITIES
    kinds = [yaml.load(path.read_text(), Loader=yaml.CSafeLoader)["kind"] for path in files]
    sizes = plan_sizes(ENTITIES, SEED)
    assert kinds.count("Person") == sizes.people
    assert kinds.count("Practice") == sizes.practices
    assert kinds.count("Community") == sizes.communities


def test_history_has_the_requested_commits_by_generated_people(organisation: Path) -> None:
    repo = git.Repo(organisation)
    commits = list(repo.iter_commits("main"))
    assert len(commits) == COMMITS
    people: dict[str, str] = {}
    for path in (organisation / "communities" / "people").rglob("*.yaml"):
        person = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        for email in person["emails"]:
            people[email] = person["name"]
    for commit in commits:
        assert commit.author.email in people, commit.author.email
        assert commit.author.name == people[commit.author.email]
    # More than a handful of people commit, as in a real organisation.
    assert len({commit.author.email for commit in commits}) > 20


def test_history_spans_two_years_ending_on_the_fixed_date(organisation: Path) -> None:
    repo = git.Repo(organisation)
    dates = sorted(commit.authored_datetime for commit in repo.iter_commits("main"))
    assert dates[-1].astimezone(END.tzinfo).date() == END.date()
    span = dates[-1] - dates[0]
    assert 700 <= span.days <= 731


def test_each_commit_after_the_initial_import_touches_one_to_five_files(
    organisation: Path,
) -> None:
    # One git call for the whole history; with -M a renamed file is listed once.
    log = git.Repo(organisation).git.log("-M", "--format=%x00", "--name-only", "main")
    touched = [[line for line in entry.splitlines() if line] for entry in log.split("\0")[1:]]
    assert len(touched) == COMMITS
    *later, initial = touched
    assert "copkit.yaml" in initial
    assert all(1 <= len(files) <= 5 for files in later), max(map(len, later))


def test_history_contains_renames_that_git_detects(organisation: Path) -> None:
    log = git.Repo(organisation).git.log("-M", "--diff-filter=R", "--format=%H", "main")
    assert log.strip(), "no rename in the history"


def test_working_tree_is_clean_and_matches_head(organisation: Path) -> None:
    repo = git.Repo(organisation)
    assert not repo.is_dirty(untracked_files=True)
    assert repo.active_branch.name == "main"


def test_same_seed_gives_the_same_history(organisation: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(again, ENTITIES, COMMITS, SEED)
    assert git.Repo(again).head.commit.hexsha == git.Repo(organisation).head.commit.hexsha


def test_output_folder_must_be_empty(tmp_path: Path) -> None:
    (tmp_path / "something").write_text("keep me")
    with pytest.raises(FileExistsError):
        generate(tmp_path, ENTITIES, COMMITS, SEED)
    assert (tmp_path / "something").read_text() == "keep me"
