from tests.lintkit import TODAY, LintRepo

COMMUNITY = "mle/mle.yaml"


def test_two_current_leads_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP220") == []


def test_one_lead_in_an_active_community_is_an_error(lrepo: LintRepo) -> None:
    leads = lrepo.docs[COMMUNITY]["leads"][:1]
    lrepo.edit(COMMUNITY, leads=leads)
    [finding] = lrepo.codes("COP220")
    assert finding.message == "active community has 1 current lead; it needs 2"
    assert finding.severity == "error"


def test_a_lead_whose_term_ended_does_not_count(lrepo: LintRepo) -> None:
    leads = [dict(lead) for lead in lrepo.docs[COMMUNITY]["leads"]]
    leads[1]["until"] = "2026-02-28"  # the day before TODAY
    lrepo.edit(COMMUNITY, leads=leads)
    [finding] = lrepo.codes("COP220", today=TODAY)
    assert "has 1 current lead" in finding.message


def test_coalescing_community_is_exempt_by_default_and_options_change_it(lrepo: LintRepo) -> None:
    lrepo.edit(COMMUNITY, stage="coalescing", leads=lrepo.docs[COMMUNITY]["leads"][:1])
    assert lrepo.codes("COP220") == []
    lrepo.config("lint:\n  options:\n    COP220: {min_leads: 3, stages: [coalescing]}\n")
    [finding] = lrepo.codes("COP220")
    assert finding.message == "coalescing community has 1 current lead; it needs 3"
