"""`copkit lint` end to end: exit codes, usage errors, PR mode, formats, determinism."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from git import Repo

from tests.lintkit import LintRepo, commit_all, run_copkit

SARIF_SCHEMA = Path("/work/shared/vendor/sarif-schema-2.1.0.json")
PROJECT = Path(__file__).resolve().parents[3]
SARIF_SCHEMA = (
    SARIF_SCHEMA if SARIF_SCHEMA.exists() else PROJECT / "tests/data/sarif-schema-2.1.0.json"
)
TODAY = "2026-03-01"
TRIAL = "mle/practices/model-cards.yaml"


def lint_json(*args: str, cwd: Path | None = None) -> tuple[int, list[dict[str, object]]]:
    result = run_copkit("lint", *args, "--format", "json", "--today", TODAY, cwd=cwd)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


@pytest.fixture
def pr(tmp_path: Path) -> LintRepo:
    """A git repository: `main` with a clean organisation, `feature` jumping trial -> retired."""
    repo = LintRepo(tmp_path / "pr")
    commit_all(repo.root, "start", dt.datetime(2026, 2, 1))
    Repo(repo.root).git.checkout("-b", "feature")
    repo.edit(TRIAL, status="retired", deprecation_reason="tool replaced")
    commit_all(repo.root, "retire model cards", dt.datetime(2026, 2, 20))
    return repo


# -- exit codes and usage errors ------------------------------------------------------


def test_clean_repository_exits_zero_and_info_does_not_fail(tmp_path: Path) -> None:
    repo = LintRepo(tmp_path / "r")
    code, findings = lint_json(str(repo.root))
    assert code == 0
    # not a git repository: history rules say they could not run
    assert [f["code"] for f in findings] == ["COP209"]
    assert run_copkit("lint", str(repo.root), "--fail-on", "info").returncode == 1


def test_warning_fails_only_with_fail_on_warning(tmp_path: Path) -> None:
    repo = LintRepo(tmp_path / "r")
    repo.edit("mle/metrics/models-shipped.yaml", target=None)  # COP280 warning
    assert run_copkit("lint", str(repo.root), "--today", TODAY).returncode == 0
    result = run_copkit("lint", str(repo.root), "--today", TODAY, "--fail-on", "warning")
    assert result.returncode == 1


def test_error_finding_exits_one(tmp_path: Path) -> None:
    repo = LintRepo(tmp_path / "r")
    repo.edit("mle/practices/pin-data.yaml", approvals=None)
    code, findings = lint_json(str(repo.root))
    assert code == 1
    assert "COP230" in {f["code"] for f in findings}


def test_option_like_base_is_refused_before_git_sees_it(pr: LintRepo) -> None:
    result = run_copkit("lint", str(pr.root), "--base", "--output=x", cwd=pr.root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (pr.root / "x").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base", "no-such-branch"], "does not name a commit"),
        (["--changed-only"], "--changed-only needs --base"),
        (["--select", "COP2300"], "did you mean"),
        (["--ignore", "nonsense"], "names no rule"),
    ],
)
def test_usage_errors_exit_two_with_one_line(pr: LintRepo, args: list[str], message: str) -> None:
    result = run_copkit("lint", str(pr.root), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_validation_findings_are_reported_and_rules_still_run(tmp_path: Path) -> None:
    repo = LintRepo(tmp_path / "r")
    repo.write("people/broken.yaml", "apiVersion: copkit/v1\nkind: Person\nid: broken\n")
    repo.edit("mle/practices/pin-data.yaml", approvals=None)
    code, findings = lint_json(str(repo.root))
    assert code == 1
    codes = {f["code"] for f in findings}
    assert "COP105" in codes  # missing name, from validation
    assert "COP230" in codes  # a governance rule on what loaded


# -- pull-request mode ----------------------------------------------------------------


def test_status_jump_is_an_error_in_pr_mode(pr: LintRepo) -> None:
    code, findings = lint_json(str(pr.root), "--base", "main", cwd=pr.root)
    assert code == 1
    [jump] = [f for f in findings if f["code"] == "COP260"]
    assert jump["path"] == "communities/" + TRIAL
    assert jump["message"] == "status moves from 'trial' to 'retired', skipping the lifecycle"
    # without --base the transition cannot be seen
    _, plain = lint_json(str(pr.root), cwd=pr.root)
    assert "COP260" not in {f["code"] for f in plain}


def test_changed_only_keeps_findings_in_touched_files(pr: LintRepo) -> None:
    # a warning in a file the pull request does not touch
    repo = Repo(pr.root)
    repo.git.checkout("main")
    pr.edit("mle/metrics/models-shipped.yaml", target=None)
    commit_all(pr.root, "drop target", dt.datetime(2026, 2, 2))
    repo.git.checkout("feature")
    repo.git.merge("main", "--no-edit")
    _, everything = lint_json(str(pr.root), "--base", "main", cwd=pr.root)
    assert {"COP260", "COP280"} <= {f["code"] for f in everything}
    _, changed = lint_json(str(pr.root), "--base", "main", "--changed-only", cwd=pr.root)
    assert {f["path"] for f in changed} == {"communities/" + TRIAL}
    assert "COP260" in {f["code"] for f in changed}


def test_rules_see_the_whole_repository_in_changed_only_mode(pr: LintRepo) -> None:
    # the feature branch drops bob as a member; bob still owns the changed practice
    community = pr.docs["mle/mle.yaml"]
    members = [m for m in community["members"] if m["person"] != "bob"]
    pr.edit("mle/mle.yaml", members=members, leads=community["leads"][:1])
    commit_all(pr.root, "bob leaves", dt.datetime(2026, 2, 21))
    pr.write(
        "mle/practices/model-cards.yaml",
        dict(pr.docs[TRIAL], deprecation_reason="tool replaced", status="deprecated"),
    )
    _, changed = lint_json(str(pr.root), "--base", "main", "--changed-only", cwd=pr.root)
    owner = [f for f in changed if f["code"] == "COP232"]
    assert [f["path"] for f in owner] == ["communities/" + TRIAL]


def test_shallow_clone_says_history_rules_could_not_run(pr: LintRepo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{pr.root}", str(clone)], check=True
    )
    code, findings = lint_json(str(clone), cwd=clone)
    assert code == 0
    [note] = [f for f in findings if f["code"] == "COP209"]
    assert note["message"] == "COP243 could not run: this is a shallow clone"
    assert "fetch-depth: 0" in str(note["hint"])


# -- formats --------------------------------------------------------------------------


def test_sarif_is_valid_and_has_what_code_scanning_needs(tmp_path: Path) -> None:
    # the copkit root is a subfolder of the git repository: URIs must include it
    top = tmp_path / "top"
    repo = LintRepo(top / "governance")
    repo.edit("mle/practices/pin-data.yaml", approvals=None)
    commit_all(top, "start", dt.datetime(2026, 2, 1))
    out = tmp_path / "lint.sarif"
    result = run_copkit(
        "lint", str(repo.root), "--format", "sarif", "--today", TODAY, "--output", str(out)
    )
    assert result.returncode == 1
    assert result.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert {"COP230", "COP260"} <= set(rules)
    assert rules["COP230"]["help"]["text"].startswith("COP230 adopted-approvals (error)")
    assert rules["COP230"]["defaultConfiguration"]["level"] == "error"
    [result_230] = [r for r in run["results"] if r["ruleId"] == "COP230"]
    location = result_230["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "governance/communities/mle/practices/pin-data.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"]["startLine"] >= 1
    assert result_230["level"] == "error"
    assert run["tool"]["driver"]["rules"][result_230["ruleIndex"]]["id"] == "COP230"


def test_github_annotations_escape_and_put_changed_files_first(
    pr: LintRepo, tmp_path: Path
) -> None:
    repo = Repo(pr.root)
    repo.git.checkout("main")
    pr.edit("mle/metrics/models-shipped.yaml", target=None)
    commit_all(pr.root, "drop target", dt.datetime(2026, 2, 2))
    repo.git.checkout("feature")
    repo.git.merge("main", "--no-edit")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [
            *[sys.executable, "-m", "copkit", "lint", str(pr.root), "--base", "main"],
            *["--format", "github", "--today", TODAY],
        ],
        capture_output=True,
        text=True,
        cwd=pr.root,
        env={**__import__("os").environ, "GITHUB_STEP_SUMMARY": str(summary)},
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=communities/mle/practices/model-cards.yaml,line=8,col=1,title=COP260::"
    )
    assert "%0A" in lines[0]  # the hint is on a second line, escaped
    assert any(line.startswith("::warning file=communities/mle/metrics/") for line in lines[1:])
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## copkit lint")
    assert "| `communities/mle/practices/model-cards.yaml:8` | COP260 | error |" in text


def test_text_output_is_grouped_by_file_without_colour_when_piped(tmp_path: Path) -> None:
    repo = LintRepo(tmp_path / "r")
    repo.edit("mle/practices/pin-data.yaml", approvals=None)
    result = run_copkit("lint", str(repo.root), "--today", TODAY)
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert "communities/mle/practices/pin-data.yaml" in lines
    assert any("error    COP230" in line for line in lines)
    assert lines[-1].startswith("1 error, 1 info (")


def test_output_is_byte_identical_across_runs(pr: LintRepo) -> None:
    for fmt in ("text", "json", "sarif", "github"):
        args = ("lint", str(pr.root), "--base", "main", "--format", fmt, "--today", TODAY)
        first = run_copkit(*args, cwd=pr.root).stdout
        assert first == run_copkit(*args, cwd=pr.root).stdout
        assert first
