"""Reporters for lint output: GitHub escaping and ordering, SARIF shape, coloured text."""

from __future__ import annotations

import json

from copkit.findings import Finding
from copkit.reporting import ReportContext, get_reporter
from copkit.reporting.github import escape_data, escape_property, job_summary

ERROR = Finding("COP230", "error", "50% done\nnext line", "a, b:c.yaml", 3, 5, None)
WARNING = Finding("COP280", "warning", "no target", "changed.yaml", 0, 0, "set one")
INFO = Finding("COP310", "info", "promote", "z.yaml", 2, 1, None)


def test_github_escaping_follows_the_runner_rules() -> None:
    assert escape_data("50% done\r\nx") == "50%25 done%0D%0Ax"
    assert escape_property("a, b:c") == "a%2C b%3Ac"


def test_github_commands_per_severity_with_changed_files_first() -> None:
    context = ReportContext(changed_paths=frozenset({"changed.yaml"}), path_prefix="sub/")
    lines = get_reporter("github")([ERROR, WARNING, INFO], context).splitlines()
    assert lines == [
        "::warning file=sub/changed.yaml,title=COP280::no target%0Aset one",
        "::error file=sub/a%2C b%3Ac.yaml,line=3,col=5,title=COP230::50%25 done%0Anext line",
        "::notice file=sub/z.yaml,line=2,col=1,title=COP310::promote",
    ]


def test_job_summary_lists_every_finding_in_a_table() -> None:
    text = job_summary([ERROR, WARNING])
    assert "1 errors, 1 warnings, 0 notices." in text
    assert "| `changed.yaml` | COP280 | warning | no target |" in text
    assert "| `a, b:c.yaml:3` | COP230 | error | 50% done next line |" in text


def test_sarif_without_context_still_describes_every_rule_it_reports() -> None:
    log = json.loads(get_reporter("sarif")([WARNING]))
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["COP280"]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1}  # a whole-file finding points at line 1


def test_text_colours_only_when_asked() -> None:
    plain = get_reporter("text")([ERROR], ReportContext(checked="1 rule"))
    coloured = get_reporter("text")([ERROR], ReportContext(checked="1 rule", color=True))
    assert "\x1b[" not in plain
    assert "\x1b[31m" in coloured  # red for errors
    assert plain.splitlines()[0] == "a, b:c.yaml"
    assert plain.splitlines()[-1] == "1 error (1 rule)"


def test_text_without_context_keeps_the_validate_format() -> None:
    assert get_reporter("text")([INFO]) == "z.yaml:2:1: COP310 (info) promote\n"
