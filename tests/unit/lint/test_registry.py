"""The registry is the single source of rule facts: codes, names, docs, options."""

import re
from pathlib import Path

import pytest

from copkit.rules import RULES, RULES_BY_NAME, Rule
from copkit.rules.docs import RULES_PAGE, render_rules_page

PROJECT = Path(__file__).resolve().parents[3]


def test_at_least_twenty_checking_rules_are_registered() -> None:
    assert len([rule for rule in RULES.values() if not rule.engine]) >= 20


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_is_documented_and_well_formed(rule: type[Rule]) -> None:
    assert re.fullmatch(r"COP[234]\d\d", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.default_severity in ("error", "warning", "info")
    assert rule.summary().endswith(".")
    assert rule.rationale()
    assert rule.fix()
    assert rule.examples()["passing"]
    assert rule.examples()["failing"]
    rule.options_model()  # every option has a default


def test_names_are_unique() -> None:
    assert len(RULES_BY_NAME) == len(RULES)


def test_checked_in_rules_page_is_up_to_date() -> None:
    page = (PROJECT / RULES_PAGE).read_text(encoding="utf-8")
    assert page == render_rules_page(), "run `python -m copkit.rules.docs` and commit"
