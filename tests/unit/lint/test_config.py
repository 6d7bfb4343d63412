"""`lint:` in copkit.yaml: select, ignore, preview, severity, options, per-path ignores."""

from tests.lintkit import LintRepo

PRACTICE = "mle/practices/pin-data.yaml"


def break_two_rules(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, approvals=[{"person": "bob", "date": "2026-01-10"}])  # COP230
    lrepo.edit("mle/metrics/models-shipped.yaml", target=None)  # COP280


def codes(lrepo: LintRepo) -> list[str]:
    return sorted({f.code for f in lrepo.lint() if f.code != "COP209"})


def test_default_runs_every_stable_rule(lrepo: LintRepo) -> None:
    break_two_rules(lrepo)
    assert codes(lrepo) == ["COP230", "COP280"]


def test_ignore_by_prefix_and_select_by_code(lrepo: LintRepo) -> None:
    break_two_rules(lrepo)
    lrepo.config("lint:\n  ignore: [COP28]\n")
    assert codes(lrepo) == ["COP230"]
    lrepo.config("lint:\n  select: [COP280]\n")
    assert codes(lrepo) == ["COP280"]


def test_ignore_by_rule_name(lrepo: LintRepo) -> None:
    break_two_rules(lrepo)
    lrepo.config("lint:\n  ignore: [adopted-approvals]\n")
    assert codes(lrepo) == ["COP280"]


def test_severity_override_most_specific_wins(lrepo: LintRepo) -> None:
    break_two_rules(lrepo)
    lrepo.config("lint:\n  severity: {COP2: info, COP230: warning}\n")
    severities = {f.code: f.severity for f in lrepo.lint()}
    assert severities["COP230"] == "warning"
    assert severities["COP280"] == "info"


def test_per_path_ignores_drop_findings_in_matching_files(lrepo: LintRepo) -> None:
    break_two_rules(lrepo)
    lrepo.config("lint:\n  per_path_ignores:\n    'communities/mle/practices/*': [COP230]\n")
    assert codes(lrepo) == ["COP280"]


def test_unknown_code_in_config_is_an_error_with_location_and_hint(lrepo: LintRepo) -> None:
    lrepo.config("lint:\n  ignore:\n    - COP230\n    - COP2300\n")
    [finding] = [f for f in lrepo.lint() if f.code == "COP200"]
    assert finding.path == "copkit.yaml"
    assert (finding.line, finding.column) == (7, 7)
    assert finding.message == "unknown rule 'COP2300' in `lint.ignore`"
    assert finding.hint is not None
    assert "'COP230'" in finding.hint


def test_invalid_option_names_the_rule_and_its_options(lrepo: LintRepo) -> None:
    lrepo.config("lint:\n  options:\n    COP220: {min_leeds: 3}\n")
    [finding] = [f for f in lrepo.lint() if f.code == "COP200"]
    assert finding.message.startswith("invalid option for COP220")
    assert finding.hint == "options of COP220 (minimum-leads): min_leads, stages"
    assert finding.line == 6


def test_unknown_rule_in_options_and_severity(lrepo: LintRepo) -> None:
    lrepo.config("lint:\n  severity: {COP999: info}\n  options:\n    nope: {}\n")
    messages = sorted(f.message for f in lrepo.lint() if f.code == "COP200")
    assert messages == [
        "unknown rule 'COP999' in `lint.severity`",
        "unknown rule 'nope' in `lint.options`",
    ]
