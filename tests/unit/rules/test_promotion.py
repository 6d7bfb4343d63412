from tests.lintkit import LintRepo

TRIAL = "mle/practices/model-cards.yaml"
ADOPTED = "mle/practices/pin-data.yaml"


def test_trial_with_few_teams_gets_no_hint(lrepo: LintRepo) -> None:
    lrepo.edit(TRIAL, adopted_by=[{"team": "a"}, {"team": "b"}])
    assert lrepo.codes("COP310") == []


def test_trial_with_three_teams_is_suggested_for_promotion(lrepo: LintRepo) -> None:
    lrepo.edit(TRIAL, adopted_by=[{"team": "a"}, {"team": "b"}, {"team": "c"}, {"team": "a"}])
    [finding] = lrepo.codes("COP310")
    assert finding.message == "3 teams use this trial practice; consider adopting it"
    assert finding.severity == "info"


def test_adopted_practice_nobody_uses_is_suggested_for_review(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP311") == []
    lrepo.edit(ADOPTED, adopted_by=None)
    [finding] = lrepo.codes("COP311")
    assert "no team has adopted this practice" in finding.message
