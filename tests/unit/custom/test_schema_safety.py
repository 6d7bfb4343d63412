"""Schemas in copkit.yaml cannot crash, reach the network or hang the linter."""

from __future__ import annotations

import pytest

from copkit.custom.schemas import SchemaProblem, compile_schema
from copkit.loader import load_repository
from tests.lintkit import LintRepo, run_copkit

RULE = """rules:
  - code: ACME101
    name: checked
    kind: Practice
    message: practice {id} fails
    require:
      %s
"""


def config_findings(lrepo: LintRepo) -> list[tuple[str, int, int, str]]:
    return [
        (f.code, f.line, f.column, f.message)
        for f in load_repository(lrepo.root).findings.sorted()
        if f.path == "copkit.yaml"
    ]


def test_invalid_schema_is_a_config_error_with_its_location(lrepo: LintRepo) -> None:
    lrepo.config(RULE % "type: strng")
    [(code, line, column, message)] = config_findings(lrepo)
    assert (code, line, column) == ("COP110", 10, 7)
    assert message.startswith("`require` of ACME101: not a valid JSON Schema")


def test_broken_config_schema_fails_the_commands_with_one_line(lrepo: LintRepo) -> None:
    lrepo.config(RULE % "minLength: -1")
    result = run_copkit("validate", str(lrepo.root))
    assert result.returncode == 1
    assert "copkit.yaml:10:7" in result.stdout
    assert "Traceback" not in result.stderr
    listed = run_copkit("rules", "--repository", str(lrepo.root))
    assert listed.returncode == 1
    assert listed.stderr.startswith("copkit.yaml:10:7: COP110")


def test_remote_ref_is_refused_when_the_config_loads(lrepo: LintRepo) -> None:
    lrepo.config(RULE % "$ref: 'https://schemas.example.com/evil.json'")
    [(code, line, _column, message)] = config_findings(lrepo)
    assert (code, line) == ("COP110", 10)
    assert "points outside this schema" in message


def test_relative_ref_resolved_against_a_remote_id_is_refused() -> None:
    with pytest.raises(SchemaProblem) as error:
        compile_schema({"$id": "https://example.com/root.json", "$ref": "other.json"})
    assert error.value.loc == ("$ref",)


def test_local_refs_work() -> None:
    validator = compile_schema(
        {
            "$defs": {"tier": {"enum": ["low", "high"]}},
            "properties": {"t": {"$ref": "#/$defs/tier"}},
        }
    )
    assert validator.is_valid({"t": "low"})
    assert not validator.is_valid({"t": "mid"})


def test_regex_re2_cannot_run_is_a_config_error(lrepo: LintRepo) -> None:
    lrepo.config(RULE % "properties: {title: {pattern: '(a)\\1'}}")
    [(code, line, _column, message)] = config_findings(lrepo)
    assert (code, line) == ("COP110", 10)
    assert "RE2 cannot run this regex" in message
    lrepo.config(RULE % "patternProperties: {'(?=x)': {}}")
    [(code, _line, _column, message)] = config_findings(lrepo)
    assert "RE2 cannot run this regex" in message


def test_patterns_run_on_re2() -> None:
    # \pN is RE2 syntax that Python's re rejects: proof of the engine that runs.
    validator = compile_schema({"type": "string", "pattern": r"^\pN+$"})
    assert validator.is_valid("2026")
    assert not validator.is_valid("year")


def test_pathological_pattern_runs_in_linear_time() -> None:
    # With backtracking this takes 2**40 steps; RE2 answers at once.
    validator = compile_schema({"type": "string", "pattern": "^(a+)+$"})
    assert not validator.is_valid("a" * 40 + "!")
    keyed = compile_schema(
        {"patternProperties": {"^(a|aa)+$": {"type": "integer"}}, "additionalProperties": False}
    )
    assert not keyed.is_valid({"a" * 40 + "!": 1})


def test_oversized_and_overdeep_schemas_are_refused() -> None:
    with pytest.raises(SchemaProblem, match="bytes as JSON"):
        compile_schema({"enum": ["x" * 70_000]})
    deep: dict[str, object] = {}
    for _ in range(40):
        deep = {"not": deep}
    with pytest.raises(SchemaProblem, match="nested deeper"):
        compile_schema(deep)
    with pytest.raises(SchemaProblem, match="longer than"):
        compile_schema({"pattern": "a" * 1001})
