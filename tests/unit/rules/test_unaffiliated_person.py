from tests.lintkit import LintRepo, person


def test_everyone_belongs_somewhere(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP212") == []


def test_person_in_no_community_is_reported_when_selected_by_code(lrepo: LintRepo) -> None:
    lrepo.write("people/zed.yaml", person("zed", "Ops"))
    [finding] = lrepo.codes("COP212")
    assert finding.path == "communities/people/zed.yaml"
    assert finding.severity == "info"


def test_preview_rule_does_not_run_by_prefix_without_opt_in(lrepo: LintRepo) -> None:
    lrepo.write("people/zed.yaml", person("zed", "Ops"))
    assert [f for f in lrepo.lint(select=["COP2"]) if f.code == "COP212"] == []
    lrepo.config("lint:\n  preview: true\n")
    assert [f.code for f in lrepo.lint(select=["COP2"]) if f.code == "COP212"] == ["COP212"]
