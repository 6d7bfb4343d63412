from tests.lintkit import LintRepo, entity

CHARTER = "mle/mle-charter.yaml"


def test_complete_charter_passes(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP300") == []
    assert lrepo.codes("COP301") == []


def test_one_finding_lists_every_missing_section(lrepo: LintRepo) -> None:
    lrepo.edit(CHARTER, governance=None, onboarding=None)
    [finding] = lrepo.codes("COP300")
    assert finding.message == "the charter has no `governance`, `onboarding`"


def test_required_sections_are_an_option(lrepo: LintRepo) -> None:
    lrepo.edit(CHARTER, governance=None)
    lrepo.config("lint:\n  options:\n    COP300: {required: [ratified]}\n")
    [finding] = lrepo.codes("COP300")
    assert finding.message == "the charter has no `ratified`"


def test_success_metric_of_another_community_is_reported(lrepo: LintRepo) -> None:
    lrepo.write(
        "sec/sec.yaml",
        entity("Community", "sec", name="Security", summary="s", stage="potential"),
    )
    lrepo.edit("mle/metrics/models-shipped.yaml", community="sec")
    [finding] = lrepo.codes("COP301")
    assert finding.message == "metric 'models-shipped' is tracked by 'sec', not 'mle'"
