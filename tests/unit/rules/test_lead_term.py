from tests.lintkit import LintRepo

COMMUNITY = "mle/mle.yaml"


def leads_with(lrepo: LintRepo, **changes: object) -> list[dict[str, object]]:
    leads = [dict(lead) for lead in lrepo.docs[COMMUNITY]["leads"]]
    leads[0].update(changes)
    leads[0] = {key: value for key, value in leads[0].items() if value is not None}
    return leads


def test_terms_within_bounds_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP221") == []
    assert lrepo.codes("COP222") == []


def test_ended_term_is_reported_at_until(lrepo: LintRepo) -> None:
    lrepo.edit(COMMUNITY, leads=leads_with(lrepo, since="2024-01-01", until="2025-12-31"))
    [finding] = lrepo.codes("COP221")
    assert finding.message == "the term of lead 'ada' ended on 2025-12-31"


def test_term_without_end_is_reported(lrepo: LintRepo) -> None:
    lrepo.edit(COMMUNITY, leads=leads_with(lrepo, until=None))
    [finding] = lrepo.codes("COP222")
    assert finding.message == "the term of lead 'ada' has no end date (`until`)"


def test_term_longer_than_the_maximum_is_reported(lrepo: LintRepo) -> None:
    # 2025-07-01 .. 2028-07-01 is 1096 days
    lrepo.edit(COMMUNITY, leads=leads_with(lrepo, until="2028-07-01"))
    [finding] = lrepo.codes("COP222")
    assert finding.message == "the term of lead 'ada' lasts 1096 days, over 731"
    lrepo.config("lint:\n  options:\n    lead-term-unbounded: {max_term_days: 1100}\n")
    assert lrepo.codes("COP222") == []
