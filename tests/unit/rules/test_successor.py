from tests.lintkit import LintRepo

COMMUNITY = "mle/mle.yaml"


def set_first_lead(lrepo: LintRepo, **changes: object) -> None:
    leads = [dict(lead) for lead in lrepo.docs[COMMUNITY]["leads"]]
    leads[0].update(changes)
    lrepo.edit(COMMUNITY, leads=leads)


def test_term_ending_far_away_needs_no_successor_yet(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP223") == []


def test_term_ending_within_ninety_days_needs_a_successor(lrepo: LintRepo) -> None:
    set_first_lead(lrepo, until="2026-05-30")  # 90 days after 2026-03-01
    [finding] = lrepo.codes("COP223")
    assert finding.message == "the term of lead 'ada' ends on 2026-05-30 and no successor is named"


def test_named_successor_passes(lrepo: LintRepo) -> None:
    set_first_lead(lrepo, until="2026-05-30", successor="cy")
    assert lrepo.codes("COP223") == []


def test_term_ending_just_outside_the_notice_passes(lrepo: LintRepo) -> None:
    set_first_lead(lrepo, until="2026-05-31")
    assert lrepo.codes("COP223") == []
