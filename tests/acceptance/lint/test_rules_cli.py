"""`copkit rules`: the list and each rule's explanation come from the registry."""

from __future__ import annotations

from pathlib import Path

from copkit.rules import RULES
from tests.conftest import REPO_ROOT
from tests.lintkit import run_copkit


def test_list_shows_every_rule_once(tmp_path: Path) -> None:
    result = run_copkit("rules", cwd=tmp_path)
    assert result.returncode == 0
    codes = [line.split()[0] for line in result.stdout.splitlines()]
    assert codes == list(RULES)
    assert {line.split()[3] for line in result.stdout.splitlines()} == {"copkit"}


def test_list_names_the_source_of_rules_declared_in_copkit_yaml() -> None:
    result = run_copkit("rules", "--repository", str(REPO_ROOT))
    assert result.returncode == 0, result.stderr
    rows = [line.split()[:4] for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    declared = [row for row in rows if row[3] == "copkit.yaml"]
    assert declared == [
        ["BWM101", "ai-safety-threat-model", "error", "copkit.yaml"],
        ["BWM102", "high-risk-independent-approvals", "error", "copkit.yaml"],
        ["BWM103", "budget-owner", "warning", "copkit.yaml"],
    ]
    explained = run_copkit("rules", "BWM102", "--repository", str(REPO_ROOT))
    assert explained.stdout.startswith("BWM102 high-risk-independent-approvals (error)\n")
    assert "Source: copkit.yaml" in explained.stdout
    assert "independent_approvals" in explained.stdout


def test_explain_one_rule_by_code_or_name() -> None:
    by_code = run_copkit("rules", "COP230")
    by_name = run_copkit("rules", "adopted-approvals")
    assert by_code.returncode == 0
    assert by_code.stdout == by_name.stdout
    assert by_code.stdout.startswith("COP230 adopted-approvals (error)")
    assert "min_approvals = 2" in by_code.stdout
    assert "Failing:" in by_code.stdout


def test_prefix_lists_the_family() -> None:
    result = run_copkit("rules", "COP26")
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "COP260",
        "COP261",
        "COP262",
    ]


def test_unknown_rule_is_a_usage_error_with_a_hint() -> None:
    result = run_copkit("rules", "COP2300")
    assert result.returncode == 2
    assert "did you mean" in result.stderr
