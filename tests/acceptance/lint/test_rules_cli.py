"""`copkit rules`: the list and each rule's explanation come from the registry."""

from __future__ import annotations

from copkit.rules import RULES
from tests.lintkit import run_copkit


def test_list_shows_every_rule_once() -> None:
    result = run_copkit("rules")
    assert result.returncode == 0
    codes = [line.split()[0] for line in result.stdout.splitlines()]
    assert codes == list(RULES)


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
