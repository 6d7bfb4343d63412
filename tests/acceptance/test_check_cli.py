"""``copkit check``: validation, lint and the health gate in one CI command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, RepoWriter, run_copkit


def test_clean_repository_passes(repo: RepoWriter) -> None:
    result = run_copkit("check", str(repo.root), "--today", "2026-06-01", "--select", "COP22")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "health: mle " in result.stdout


def test_invalid_file_fails_with_its_location(repo: RepoWriter) -> None:
    repo.write("people/bad.yaml", "apiVersion: copkit/v1\nkind: Person\nid: bad\nname: [\n")
    result = run_copkit("check", str(repo.root), "--today", "2026-06-01", "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    bad = [f for f in findings if f["path"] == "communities/people/bad.yaml"]
    assert [(f["code"], f["line"], f["column"]) for f in bad] == [("COP001", 5, 1)]


def test_fail_under_gates_on_health(repo: RepoWriter) -> None:
    result = run_copkit(
        "check", str(repo.root), "--today", "2026-06-01", "--select", "COP22",
        "--fail-under", "99.9", "--format", "json",
    )  # fmt: skip
    payload = json.loads(result.stdout)
    overall = payload["health"]["communities"]["mle"]["overall"]
    assert overall is not None
    assert overall < 99.9
    assert payload["below_fail_under"] == ["mle"]
    assert result.returncode == 1


def test_under_github_actions_it_annotates_and_writes_the_job_summary(
    repo: RepoWriter, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    repo.write("people/bad.yaml", "apiVersion: copkit/v1\nkind: Person\nid: bad\n")
    result = subprocess.run(
        [sys.executable, "-m", "copkit", "check", str(repo.root), "--today", "2026-06-01"],
        capture_output=True,
        text=True,
        env={**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
        check=False,
    )
    assert result.returncode == 1
    assert "::error file=communities/people/bad.yaml,line=1,col=1" in result.stdout
    assert "## copkit lint" in summary.read_text()


def test_option_like_base_is_a_usage_error(repo: RepoWriter) -> None:
    result = run_copkit("check", str(repo.root), "--base=--output=x")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_showcase_check_reports_its_deliberate_errors() -> None:
    result = run_copkit("check", "--today", "2026-11-23", cwd=REPO_ROOT)
    assert result.returncode == 1
    assert "8 errors" in result.stdout
    assert "health: ai-ethics-and-safety" in result.stdout


def test_exit_zero_reports_but_does_not_fail(repo: RepoWriter) -> None:
    repo.write("people/bad.yaml", "apiVersion: copkit/v1\nkind: Person\nid: bad\n")
    result = run_copkit("check", str(repo.root), "--today", "2026-06-01", "--exit-zero")
    assert result.returncode == 0
    assert "COP105" in result.stdout
    usage = run_copkit("check", str(repo.root), "--exit-zero", "--base", "--x")
    assert usage.returncode == 2
