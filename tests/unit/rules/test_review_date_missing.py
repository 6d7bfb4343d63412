from tests.lintkit import LintRepo

PRACTICE = "mle/practices/model-cards.yaml"


def test_trial_practice_with_review_date_passes(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP244") == []


def test_trial_practice_without_review_date_is_reported(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, next_review=None)
    [finding] = lrepo.codes("COP244")
    assert finding.message == "trial practice has no `next_review` date"


def test_draft_practice_without_review_date_passes(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, next_review=None, status="draft")
    assert lrepo.codes("COP244") == []
