"""Pull-request mode's base: the work tree with the changed files read at the merge base
must be exactly the merge base loaded whole, whatever the pull request did."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from copkit import base_branch
from copkit.loader import load_repository
from copkit.repository import Repository
from tests.conftest import CONFIG, entity, minimal_entities
from tests.gitrepo import GitRepo

ADA = ("Ada Lovelace", "ada@example.org")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    ).stdout


def dump(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, sort_keys=False)


def practice(practice_id: str, status: str) -> dict[str, Any]:
    return entity(
        "Practice",
        practice_id,
        title=f"Practice {practice_id}",
        community="mle",
        owners=["ada"],
        status=status,
        summary="A practice.",
    )


def start(root: Path, prefix: str = "") -> tuple[GitRepo, Path, str]:
    """A repository whose copkit root is ``root/prefix``, one commit in; the base sha."""
    repo = GitRepo(root)
    files: dict[str, object] = {f"{prefix}copkit.yaml": CONFIG, "outside.txt": "not data\n"}
    for relative, document in minimal_entities().items():
        files[f"{prefix}communities/{relative}"] = dump(document)
    for number, status in enumerate(["trial", "adopted", "proposed", "retired"]):
        files[f"{prefix}communities/mle/practices/p{number}.yaml"] = dump(
            practice(f"p{number}", status)
        )
    sha = repo.commit("base", author=ADA, date="2026-01-05T10:00:00", files=files)
    return repo, root / prefix if prefix else root, sha


def snapshot_of(repository: Repository) -> dict[str, dict[str, tuple[str, dict[str, Any]]]]:
    """kind -> id -> (file, values): everything a rule can read of the base."""
    return {
        kind: {
            entity_id: (repository.path_of(item), item.model_dump(mode="json"))
            for entity_id, item in sorted(by_id.items())
        }
        for kind, by_id in sorted(repository.entities.items())
        if by_id
    }


def both(copkit_root: Path, sha: str) -> tuple[Repository | None, Repository]:
    """The overlaid base (None: it declined) and the base loaded whole."""
    repository = load_repository(copkit_root).repository
    changed = base_branch.changed_paths(repository, sha)
    overlaid = base_branch._overlay(repository, sha, changed)
    whole = base_branch.load_base(repository, sha)
    return overlaid, whole


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit_at(repo: GitRepo, copkit_root: Path, message: str, files: dict[str, str]) -> str:
    """Commit ``files`` (paths relative to copkit's root) on the day after the base."""
    return repo.commit(
        message,
        author=ADA,
        date="2026-01-06T10:00:00",
        files={
            os.path.relpath(copkit_root / path, repo.root): text for path, text in files.items()
        },
    )


CHANGES: dict[str, Callable[[GitRepo, Path], None]] = {
    "status edited in the work tree": lambda r, c: write(
        c, "communities/mle/practices/p0.yaml", dump(practice("p0", "adopted"))
    ),
    "committed edit, deletion and rename": lambda r, c: r.commit(
        "change",
        author=ADA,
        date="2026-02-05T10:00:00",
        files={
            os.path.relpath(c / "communities/mle/practices/p1.yaml", r.root): dump(
                practice("p1", "deprecated")
            )
        },
        delete=(os.path.relpath(c / "communities/mle/practices/p2.yaml", r.root),),
        rename={
            os.path.relpath(c / "communities/mle/practices/p3.yaml", r.root): os.path.relpath(
                c / "communities/mle/practices/moved/p3.yaml", r.root
            )
        },
    ),
    "new untracked file": lambda r, c: write(
        c, "communities/mle/practices/new.yaml", dump(practice("new", "draft"))
    ),
    "new file git ignores": lambda r, c: (
        write(c, ".gitignore", "ignored.yaml\n"),
        write(c, "communities/mle/practices/ignored.yaml", dump(practice("ignored", "draft"))),
    ),
    "a file that was invalid at the base is fixed": lambda r, c: (
        commit_at(r, c, "break", {"communities/mle/practices/p0.yaml": "id: [unclosed\n"}),
        write(c, "communities/mle/practices/p0.yaml", dump(practice("p0", "trial"))),
    ),
    "a duplicate id at the base, the first file deleted": lambda r, c: (
        commit_at(r, c, "duplicate", {"communities/zz/p0.yaml": dump(practice("p0", "retired"))}),
        (c / "communities/mle/practices/p0.yaml").unlink(),
    ),
    "a file moves to another folder": lambda r, c: (
        (c / "communities/mle/practices/p1.yaml").unlink(),
        write(c, "communities/other/p1.yaml", dump(practice("p1", "deprecated"))),
    ),
}


@pytest.mark.parametrize("prefix", ["", "org/"], ids=["root", "subfolder"])
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_overlaid_base_is_the_base_loaded_whole(
    tmp_path: Path, change: str, prefix: str
) -> None:
    repo, copkit_root, sha = start(tmp_path / "repo", prefix)
    CHANGES[change](repo, copkit_root)
    if change.startswith(("a file that was invalid", "a duplicate id")):
        sha = git(repo.root, "rev-parse", "HEAD").strip()  # the base is the commit made
    overlaid, whole = both(copkit_root, sha)
    assert overlaid is not None
    assert snapshot_of(overlaid) == snapshot_of(whole)
    assert snapshot_of(whole) != snapshot_of(load_repository(copkit_root).repository)


def test_a_changed_config_loads_the_base_whole(tmp_path: Path) -> None:
    _, root, sha = start(tmp_path / "repo")
    write(root, "copkit.yaml", CONFIG + "\n# edited\n")
    overlaid, whole = both(root, sha)
    assert overlaid is None
    assert "p0" in snapshot_of(whole)["Practice"]


def test_a_linked_file_whose_target_changed_loads_the_base_whole(tmp_path: Path) -> None:
    # The link is unchanged, the file behind it (outside the data folder) is not: only a
    # whole load of the base sees the old status.
    _, root, _ = start(tmp_path / "repo")
    write(root, "shared/p9.yaml", dump(practice("p9", "trial")))
    os.symlink("../../../shared/p9.yaml", root / "communities/mle/practices/p9.yaml")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "link")
    sha = git(root, "rev-parse", "HEAD").strip()
    write(root, "shared/p9.yaml", dump(practice("p9", "retired")))
    overlaid, whole = both(root, sha)
    assert overlaid is None
    assert snapshot_of(whole)["Practice"]["p9"][1]["status"] == "trial"


def test_lint_base_sees_a_transition_made_in_the_work_tree(tmp_path: Path) -> None:
    from tests.conftest import run_copkit

    _, root, _ = start(tmp_path / "repo")
    write(root, "communities/mle/practices/p2.yaml", dump(practice("p2", "adopted")))
    result = run_copkit("lint", str(root), "--base", "main", "--format", "json", cwd=root)
    assert "COP260" in result.stdout, result.stdout + result.stderr
    assert "'proposed' to 'adopted'" in result.stdout


def test_an_id_duplicated_in_the_work_tree_still_finds_the_base_entity_it_hides(
    tmp_path: Path,
) -> None:
    # A new aa/p5.yaml takes zz/p5.yaml's id: the load keeps the first (aa) and drops
    # zz's, so the work tree alone no longer holds the base's retired p5.
    from tests.conftest import run_copkit

    _, root, _ = start(tmp_path / "repo")
    write(root, "communities/zz/p5.yaml", dump(practice("p5", "retired")))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one more")
    write(root, "communities/aa/p5.yaml", dump(practice("p5", "trial")))
    result = run_copkit("lint", str(root), "--base", "main", "--format", "json", cwd=root)
    assert "COP107" in result.stdout
    assert "retired practice is revived as 'trial'" in result.stdout, result.stdout
