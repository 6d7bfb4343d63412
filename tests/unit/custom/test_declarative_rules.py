"""Rules declared in copkit.yaml run like copkit's own: when / require, $facts, config."""

from __future__ import annotations

import datetime as dt
import json

from copkit.findings import Finding
from copkit.loader import load_repository
from tests.lintkit import LintRepo, commit_all, run_copkit

PRACTICE = "mle/practices/pin-data.yaml"
RULES = """fields:
  Practice:
    threat_model:
      description: Link to the threat model.
      type: string
      pattern: "^https://"
rules:
  - code: ACME101
    name: adopted-threat-model
    kind: Practice
    severity: error
    message: adopted practice {id} has no threat model
    fix: Link the threat model.
    when: {properties: {status: {const: adopted}}}
    require: {required: [threat_model]}
  - code: ACME102
    name: high-stage-approvals
    kind: Practice
    message: practice {id} in an active community needs three independent approvals
    when: {properties: {$facts: {properties: {community_stage: {const: active}}}}}
    require: {properties: {$facts: {properties: {independent_approvals: {minimum: 3}}}}}
"""


def acme(findings: list[Finding]) -> list[tuple[str, str, int]]:
    return [
        (f.code, f.path.removeprefix("communities/"), f.line)
        for f in findings
        if f.code.startswith("ACME")
    ]


def line_of(lrepo: LintRepo, relative: str, prefix: str) -> int:
    text = (lrepo.data / relative).read_text().splitlines()
    return next(i for i, line in enumerate(text, 1) if line.startswith(prefix))


def test_when_matches_and_require_fails_at_the_entity(lrepo: LintRepo) -> None:
    lrepo.config(RULES)
    findings = lrepo.lint()
    id_line = line_of(lrepo, PRACTICE, "id:")
    assert ("ACME101", PRACTICE, id_line) in acme(findings)
    finding = next(f for f in findings if f.code == "ACME101")
    assert finding.severity == "error"
    assert finding.message == "adopted practice pin-data has no threat model"
    assert finding.hint == "Link the threat model. ('threat_model' is a required property)"


def test_when_not_matching_means_no_finding(lrepo: LintRepo) -> None:
    lrepo.config(RULES)
    lrepo.edit(PRACTICE, status="trial")
    assert "ACME101" not in [code for code, _, _ in acme(lrepo.lint())]


def test_require_met_means_no_finding(lrepo: LintRepo) -> None:
    lrepo.config(RULES)
    lrepo.edit(PRACTICE, threat_model="https://wiki.example.com/tm/pin-data")
    assert "ACME101" not in [code for code, _, _ in acme(lrepo.lint())]


def test_failing_field_is_located_where_the_schema_error_points(lrepo: LintRepo) -> None:
    lrepo.config(
        RULES.replace(
            "require: {required: [threat_model]}",
            "require: {properties: {summary: {maxLength: 5}}}",
        )
    )
    findings = acme(lrepo.lint())
    assert ("ACME101", PRACTICE, line_of(lrepo, PRACTICE, "summary:")) in findings


def test_rule_over_a_derived_fact(lrepo: LintRepo) -> None:
    lrepo.config(RULES)
    # pin-data: owner ada, approvals by bob and cy: two independent approvals, not three.
    assert ("ACME102", PRACTICE, line_of(lrepo, PRACTICE, "id:")) in acme(lrepo.lint())
    lrepo.edit(
        PRACTICE,
        approvals=[
            {"person": "bob", "date": "2026-01-10"},
            {"person": "cy", "date": "2026-01-11"},
            {"person": "dee", "date": "2026-01-12"},
        ],
    )
    assert ("ACME102", PRACTICE) not in [(code, path) for code, path, _ in acme(lrepo.lint())]
    lrepo.edit("mle/mle.yaml", stage="coalescing")  # `when` over the owning community's stage
    lrepo.edit(PRACTICE, approvals=[])
    assert "ACME102" not in [code for code, _, _ in acme(lrepo.lint())]


def test_days_since_change_reads_history_and_waits_for_it(lrepo: LintRepo) -> None:
    lrepo.config(
        "rules:\n  - code: ACME103\n    name: touched-this-year\n    kind: Practice\n"
        "    message: practice {id} untouched for a year\n"
        "    require: {properties: {$facts: {properties: {days_since_change: "
        "{anyOf: [{type: 'null'}, {maximum: 365}]}}}}}\n"
    )
    # Outside git the rule cannot run: COP209 says so, the rule makes no finding.
    without = lrepo.lint(history=True)
    assert "ACME103" not in [f.code for f in without]
    assert any(f.code == "COP209" and "ACME103" in f.message for f in without)
    commit_all(lrepo.root, "all", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    stale = [f for f in lrepo.lint(history=True) if f.code == "ACME103"]
    assert {f.path.removeprefix("communities/") for f in stale} == {
        PRACTICE,
        "mle/practices/model-cards.yaml",
    }
    assert [
        f for f in lrepo.lint(history=True, today=dt.date(2024, 6, 1)) if f.code == "ACME103"
    ] == []


def test_declared_rules_are_configurable_like_builtin_ones(lrepo: LintRepo) -> None:
    lrepo.config(RULES + "lint:\n  severity: {ACME101: info}\n  ignore: [high-stage-approvals]\n")
    findings = lrepo.lint()
    assert [f.severity for f in findings if f.code == "ACME101"] == ["info"]
    assert "ACME102" not in [f.code for f in findings]
    lrepo.config(RULES + "lint:\n  select: [COP]\n")
    assert acme(lrepo.lint()) == []


def test_declared_rule_finding_can_be_suppressed(lrepo: LintRepo) -> None:
    lrepo.config(RULES)
    path = lrepo.data / PRACTICE
    path.write_text(
        path.read_text().replace(
            "id: pin-data", "id: pin-data  # copkit: ignore[ACME101,ACME102] threat model in review"
        )
    )
    found = lrepo.lint()
    here = [f.code for f in found if f.path == f"communities/{PRACTICE}"]
    assert "ACME101" not in here
    assert "ACME102" not in here
    assert "COP202" not in [f.code for f in found]
    # The other trial practice is not covered by that comment.
    assert ("ACME102", "mle/practices/model-cards.yaml") in [(c, p) for c, p, _ in acme(found)]


def test_bad_rule_code_is_a_config_error_at_its_place(lrepo: LintRepo) -> None:
    lrepo.config(RULES.replace("code: ACME102", "code: COP999"))
    result = load_repository(lrepo.root)
    [finding] = result.findings.sorted()
    assert (finding.code, finding.path, finding.line) == ("COP110", "copkit.yaml", 19)
    assert "copkit's own prefix COP" in finding.message
    lrepo.config(RULES.replace("code: ACME102", "code: acme-2"))
    [finding] = load_repository(lrepo.root).findings.sorted()
    assert (finding.code, finding.line) == ("COP104", 19)


def test_every_output_format_carries_declared_rules(lrepo: LintRepo) -> None:
    lrepo.config(RULES)
    common = ["lint", str(lrepo.root), "--today", "2026-03-01"]
    as_json = json.loads(run_copkit(*common, "--format", "json").stdout)
    assert "ACME101" in {item["code"] for item in as_json}
    sarif = json.loads(run_copkit(*common, "--format", "sarif").stdout)
    driver = sarif["runs"][0]["tool"]["driver"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert "ACME101" in rule_ids
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "ACME101")
    assert driver["rules"][result["ruleIndex"]]["id"] == "ACME101"
    github = run_copkit(*common, "--format", "github").stdout
    assert "ACME101" in github
    text = run_copkit(*common).stdout
    assert "ACME101" in text


def test_pull_request_mode_reports_declared_rules_in_changed_files(lrepo: LintRepo) -> None:
    from git import Repo

    lrepo.config(RULES.replace("{const: adopted}", "{const: retired}"))
    commit_all(lrepo.root, "start", dt.datetime(2026, 2, 1))
    Repo(lrepo.root).git.checkout("-b", "feature")
    lrepo.edit("mle/practices/model-cards.yaml", status="retired", deprecation_reason="replaced")
    commit_all(lrepo.root, "retire model cards", dt.datetime(2026, 2, 20))
    result = run_copkit(
        "lint", str(lrepo.root), "--base", "main", "--changed-only", "--format", "json",
        "--today", "2026-03-01", cwd=lrepo.root,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    found = {(item["code"], item["path"]) for item in json.loads(result.stdout)}
    assert ("ACME101", "communities/mle/practices/model-cards.yaml") in found
    # pin-data breaks ACME102 too, but the pull request does not touch it.
    assert all(path == "communities/mle/practices/model-cards.yaml" for _, path in found)
