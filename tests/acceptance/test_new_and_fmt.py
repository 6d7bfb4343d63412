"""``copkit new`` writes valid, canonical skeletons; ``copkit fmt`` keeps values and comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from copkit.scaffold import KINDS
from tests.conftest import RepoWriter, run_copkit

OPTIONS: dict[str, list[str]] = {
    "community": [],
    "person": ["--title", "Grace Hopper"],
    "objective": [],
    "taxonomy": [],
    "charter": ["--community", "mle"],
    "metric": ["--community", "mle", "--owner", "ada"],
    "event": ["--community", "mle", "--owner", "bob"],
    "practice": ["--community", "mle", "--owner", "ada", "--set", "tags=[mlops]"],
}


@pytest.mark.parametrize("what", sorted(KINDS))
def test_every_kind_of_skeleton_validates_and_is_canonical(repo: RepoWriter, what: str) -> None:
    options = OPTIONS.get(what, ["--community", "mle", "--owner", "ada"])
    result = run_copkit("new", what, f"new-{what}", "--path", str(repo.root), *options)
    assert result.returncode == 0, result.stderr
    written = repo.root / result.stdout.strip()
    assert written.is_file()
    assert written.read_text().startswith("# yaml-language-server: $schema=")
    assert run_copkit("validate", str(repo.root)).returncode == 0
    assert run_copkit("fmt", str(written), "--check").returncode == 0


def test_new_practice_goes_under_its_community(repo: RepoWriter) -> None:
    result = run_copkit(
        "new", "practice", "shadow-deploy", "--path", str(repo.root),
        "--community", "mle", "--owner", "ada", "--today", "2026-03-01",
    )  # fmt: skip
    assert result.stdout.strip() == "communities/mle/practices/shadow-deploy.yaml"
    text = (repo.root / result.stdout.strip()).read_text()
    assert "created: 2026-03-01\n" in text
    assert "status: draft\n" in text


def test_new_refuses_unknown_references_and_existing_files(repo: RepoWriter) -> None:
    unknown = run_copkit(
        "new", "practice", "p", "--path", str(repo.root), "--community", "mlx", "--owner", "ada"
    )
    assert unknown.returncode == 2
    assert "unknown community 'mlx' (did you mean 'mle'?)" in unknown.stderr
    existing = run_copkit(
        "new", "practice", "pin-data", "--path", str(repo.root),
        "--community", "mle", "--owner", "ada",
    )  # fmt: skip
    assert existing.returncode == 2
    assert "exists" in existing.stderr
    missing_owner = run_copkit(
        "new", "practice", "p", "--path", str(repo.root), "--community", "mle"
    )
    assert missing_owner.returncode == 2
    assert "--owner" in missing_owner.stderr


def test_fmt_rewrites_layout_but_keeps_values_and_comments(repo: RepoWriter) -> None:
    path: Path = repo.write(
        "people/cy.yaml",
        "name: Cy   # display name\nkind: Person\napiVersion: copkit/v1\nid: cy\n"
        "emails: [cy@example.org]\n",
    )
    check = run_copkit("fmt", str(repo.root), "--check")
    assert check.returncode == 1
    assert "communities/people/cy.yaml: not in canonical layout" in check.stderr
    assert run_copkit("fmt", str(repo.root)).returncode == 0
    assert path.read_text() == (
        "apiVersion: copkit/v1\nkind: Person\nid: cy\nname: Cy   # display name\n"
        "emails:\n  - cy@example.org\n"
    )
    assert run_copkit("fmt", str(repo.root), "--check").returncode == 0
    assert run_copkit("validate", str(repo.root)).returncode == 0


def test_fmt_leaves_broken_files_untouched(repo: RepoWriter) -> None:
    broken = "apiVersion: copkit/v1\nkind: Person\nid: dup\nname: A\nname: B\n"
    path = repo.write("people/dup.yaml", broken)
    result = run_copkit("fmt", str(repo.root))
    assert result.returncode == 1
    assert "duplicate key" in result.stderr
    assert path.read_text() == broken


def test_fmt_of_named_files_skips_yaml_outside_the_data_folder(repo: RepoWriter) -> None:
    outside = repo.root / "mkdocs.yml"
    outside.write_text("nav: [a, b]\n")
    entity_file = repo.write(
        "people/dee.yaml", "kind: Person\napiVersion: copkit/v1\nid: dee\nname: D\n"
    )
    result = run_copkit("fmt", str(outside), str(entity_file))
    assert result.returncode == 0, result.stderr
    assert outside.read_text() == "nav: [a, b]\n"
    assert entity_file.read_text().startswith("apiVersion: copkit/v1\nkind: Person\n")
