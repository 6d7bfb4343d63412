import datetime as dt

from tests.lintkit import LintRepo

PRACTICE = "mle/practices/pin-data.yaml"


def test_review_dates_in_the_future_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP240") == []
    assert lrepo.codes("COP241") == []
    assert lrepo.codes("COP242") == []


def test_practice_review_due_yesterday_is_reported(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, next_review="2026-02-28")
    [finding] = lrepo.codes("COP240")
    assert finding.message == "review was due on 2026-02-28"


def test_practice_review_due_today_is_not_overdue(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, next_review="2026-03-01")
    assert lrepo.codes("COP240") == []


def test_deprecated_practice_past_review_is_exempt(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, next_review="2020-01-01", status="deprecated", superseded_by="model-cards")
    assert lrepo.codes("COP240") == []


def test_charter_review_follows_the_today_option(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP241", today=dt.date(2026, 12, 31)) == []
    [finding] = lrepo.codes("COP241", today=dt.date(2027, 1, 1))
    assert finding.message == "charter review was due on 2026-12-31"


def test_closed_community_charter_is_exempt(lrepo: LintRepo) -> None:
    lrepo.edit("mle/mle.yaml", stage="closed")
    assert lrepo.codes("COP241", today=dt.date(2027, 1, 1)) == []


def test_metric_review_overdue_is_info(lrepo: LintRepo) -> None:
    lrepo.edit("mle/metrics/models-shipped.yaml", review_date="2026-01-31")
    [finding] = lrepo.codes("COP242")
    assert (finding.severity, finding.message) == ("info", "metric review was due on 2026-01-31")
