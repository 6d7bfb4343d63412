"""Organisation fields declared in copkit.yaml: allowed, checked with locations, in schemas."""

from __future__ import annotations

import json
from pathlib import Path

from copkit.loader import load_repository
from tests.lintkit import LintRepo, run_copkit

PRACTICE = "mle/practices/pin-data.yaml"
FIELDS = """fields:
  Practice:
    risk_level:
      description: Model risk tier.
      enum: [low, medium, high]
    controls:
      description: Control ids and owners.
      type: array
      items:
        type: object
        required: [id]
        properties:
          id: {type: string, pattern: "^CTL-[0-9]+$"}
"""


def errors(lrepo: LintRepo) -> list[str]:
    result = load_repository(lrepo.root)
    return [
        f"{f.path.removeprefix('communities/')}:{f.line}:{f.column} {f.code} {f.message}"
        for f in result.findings.sorted()
    ]


def test_declared_field_is_accepted(lrepo: LintRepo) -> None:
    lrepo.config(FIELDS)
    lrepo.edit(PRACTICE, risk_level="high", controls=[{"id": "CTL-7"}])
    assert errors(lrepo) == []


def test_undeclared_field_stays_an_error_with_a_hint(lrepo: LintRepo) -> None:
    lrepo.config(FIELDS)
    lrepo.edit(PRACTICE, risk_levle="high")
    [message] = errors(lrepo)
    assert message.startswith(f"{PRACTICE}:")
    assert "COP103 unknown field 'risk_levle'" in message
    result = load_repository(lrepo.root)
    assert result.findings.sorted()[0].hint == "did you mean 'risk_level'?"


def test_declared_field_of_another_kind_is_unknown_here(lrepo: LintRepo) -> None:
    lrepo.config(FIELDS)
    lrepo.edit("mle/mle.yaml", risk_level="high")
    assert "mle/mle.yaml" in [m.split(":")[0] for m in errors(lrepo)]
    assert any(m.endswith("COP103 unknown field 'risk_level'") for m in errors(lrepo))


def test_bad_values_are_reported_at_their_line_and_column(lrepo: LintRepo) -> None:
    lrepo.config(FIELDS)
    path = lrepo.edit(PRACTICE, risk_level="extreme", controls=[{"id": "CTL-1"}, {"id": "X"}])
    text = (lrepo.data / PRACTICE).read_text().splitlines()
    risk_line = next(i for i, line in enumerate(text, 1) if line.startswith("risk_level:"))
    x_line = next(i for i, line in enumerate(text, 1) if "id: X" in line)
    assert path["risk_level"] == "extreme"
    assert errors(lrepo) == [
        f"{PRACTICE}:{risk_line}:13 COP104 'risk_level': 'extreme' is not one of "
        "['low', 'medium', 'high']",
        f"{PRACTICE}:{x_line}:7 COP104 'controls[1].id': 'X' does not match '^CTL-[0-9]+$'",
    ]


def test_bad_extension_and_bad_builtin_field_are_both_reported(lrepo: LintRepo) -> None:
    lrepo.config(FIELDS)
    lrepo.edit(PRACTICE, risk_level=3, status="done")
    codes = sorted(m.split(" ")[1] for m in errors(lrepo))
    assert codes == ["COP104", "COP104"]


def test_field_clashing_with_a_builtin_one_is_a_config_error(lrepo: LintRepo) -> None:
    lrepo.config("fields:\n  Practice:\n    status:\n      description: x\n      type: string\n")
    [message] = errors(lrepo)
    assert message.startswith("copkit.yaml:6:5 COP110 Practice already has a field 'status'")


def test_field_without_description_is_a_config_error(lrepo: LintRepo) -> None:
    lrepo.config("fields:\n  Community:\n    budget_owner:\n      type: string\n")
    [message] = errors(lrepo)
    assert message.startswith("copkit.yaml:6:5 COP110 field Community.budget_owner has no")


def test_generated_schemas_carry_the_fields(lrepo: LintRepo, tmp_path: Path) -> None:
    lrepo.config(FIELDS)
    out = lrepo.root / "schemas"
    assert run_copkit("schema", "--out", str(out)).returncode == 0
    practice = json.loads((out / "practice.schema.json").read_text())
    assert practice["properties"]["risk_level"]["enum"] == ["low", "medium", "high"]
    assert practice["additionalProperties"] is False
    community = json.loads((out / "community.schema.json").read_text())
    assert "risk_level" not in community["properties"]
    assert run_copkit("schema", "--out", str(out), "--check").returncode == 0
    lrepo.config("")
    stale = run_copkit("schema", "--out", str(out), "--check")
    assert stale.returncode == 1
    assert "practice.schema.json: out of date" in stale.stderr


def test_showcase_schemas_include_its_own_fields() -> None:
    from tests.conftest import REPO_ROOT

    practice = json.loads((REPO_ROOT / "schemas" / "practice.schema.json").read_text())
    community = json.loads((REPO_ROOT / "schemas" / "community.schema.json").read_text())
    assert {"risk_level", "threat_model"} <= set(practice["properties"])
    assert "budget_owner" in community["properties"]
