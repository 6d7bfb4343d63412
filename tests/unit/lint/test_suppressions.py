"""Inline suppressions: a reason is required, unused and expired ones are findings."""

import datetime as dt

from copkit.findings import Finding
from tests.lintkit import LintRepo

PRACTICE = "communities/mle/practices/pin-data.yaml"

ONE_APPROVAL = """\
apiVersion: copkit/v1
kind: Practice
id: pin-data
title: Pin training data
community: mle
owners: [ada]
status: adopted{same_line}
summary: Snapshot the data.
{above}approvals:
  - {{person: bob, date: 2026-01-10}}
adopted_by: [{{team: search}}]
next_review: 2026-09-01
"""


def write(lrepo: LintRepo, same_line: str = "", above: str = "") -> None:
    lrepo.write(
        "mle/practices/pin-data.yaml",
        ONE_APPROVAL.format(same_line=same_line, above=above and above + "\n"),
    )


def lint(lrepo: LintRepo, today: dt.date = dt.date(2026, 3, 1)) -> list[Finding]:
    return [f for f in lrepo.lint(today=today) if f.code != "COP209"]


def test_unsuppressed_finding_is_on_the_approvals_line(lrepo: LintRepo) -> None:
    write(lrepo)
    [finding] = lint(lrepo)
    assert (finding.code, finding.path, finding.line) == ("COP230", PRACTICE, 9)


def test_comment_on_the_line_above_with_a_reason_suppresses(lrepo: LintRepo) -> None:
    write(lrepo, above="# copkit: ignore[COP230] second reviewer signed on paper")
    assert lint(lrepo) == []


def test_trailing_comment_on_the_same_line_suppresses(lrepo: LintRepo) -> None:
    lrepo.write(
        "mle/practices/pin-data.yaml",
        ONE_APPROVAL.format(same_line="", above="").replace(
            "approvals:", "approvals:  # copkit: ignore[COP230] signed on paper"
        ),
    )
    assert lint(lrepo) == []


def test_suppression_without_reason_is_refused_and_reported(lrepo: LintRepo) -> None:
    write(lrepo, above="# copkit: ignore[COP230]")
    found = sorted((f.code, f.line) for f in lint(lrepo))
    assert found == [("COP201", 9), ("COP230", 10)]


def test_suppression_naming_an_unknown_code_gets_a_hint(lrepo: LintRepo) -> None:
    write(lrepo, above="# copkit: ignore[COP2300] typo")
    [bad] = [f for f in lint(lrepo) if f.code == "COP201"]
    assert bad.message == "suppression names 'COP2300', which is not a rule it can silence"
    assert bad.hint is not None
    assert "COP230" in bad.hint


def test_unused_suppression_is_a_warning(lrepo: LintRepo) -> None:
    write(lrepo, same_line="  # copkit: ignore[COP233] nothing to see")
    found = sorted((f.code, f.line, f.severity) for f in lint(lrepo))
    assert found == [("COP202", 7, "warning"), ("COP230", 9, "error")]


def test_expired_suppression_stops_suppressing_and_says_so(lrepo: LintRepo) -> None:
    write(lrepo, above="# copkit: ignore[COP230] until=2026-02-01 waiting for cy")
    found = sorted((f.code, f.line) for f in lint(lrepo))
    assert found == [("COP203", 9), ("COP230", 10)]
    # before the expiry it still suppresses
    assert lint(lrepo, today=dt.date(2026, 1, 31)) == []


def test_suppression_for_a_rule_that_did_not_run_is_not_called_unused(lrepo: LintRepo) -> None:
    write(lrepo, same_line="  # copkit: ignore[COP260] moved on purpose")
    found = [f.code for f in lint(lrepo)]
    assert found == ["COP230"]  # COP260 runs only with --base
