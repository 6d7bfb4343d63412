from tests.lintkit import LintRepo

METRIC = "mle/metrics/models-shipped.yaml"


def test_metric_with_target_and_recent_observation_passes(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP280") == []
    assert lrepo.codes("COP281") == []
    assert lrepo.codes("COP282") == []


def test_metric_without_target_is_reported(lrepo: LintRepo) -> None:
    lrepo.edit(METRIC, target=None)
    [finding] = lrepo.codes("COP280")
    assert finding.message == "metric 'models-shipped' has no target"


def test_computed_metric_needs_no_target_or_observations(lrepo: LintRepo) -> None:
    lrepo.edit(METRIC, target=None, observations=None, computed="commits")
    assert lrepo.codes("COP280") == []
    assert lrepo.codes("COP281") == []


def test_metric_without_observations_is_reported(lrepo: LintRepo) -> None:
    lrepo.edit(METRIC, observations=None)
    [finding] = lrepo.codes("COP281")
    assert finding.message == "metric 'models-shipped' has no observations"


def test_old_latest_observation_is_stale(lrepo: LintRepo) -> None:
    # the newest by date counts, not the last written; 2025-10-01 .. 2026-03-01 = 151 days
    lrepo.edit(
        METRIC,
        observations=[{"date": "2025-10-01", "value": 12}, {"date": "2025-01-01", "value": 3}],
    )
    [finding] = lrepo.codes("COP281")
    assert finding.message == "latest observation is 151 days old (2025-10-01), over 120"


def test_latest_value_below_target_is_info(lrepo: LintRepo) -> None:
    lrepo.edit(METRIC, observations=[{"date": "2026-02-01", "value": 7}])
    [finding] = lrepo.codes("COP282")
    assert finding.severity == "info"
    assert finding.message == "latest value 7 models (2026-02-01) misses the target 10"


def test_lower_is_better_misses_when_above_target(lrepo: LintRepo) -> None:
    lrepo.edit(METRIC, direction="lower-is-better")  # value 12 > target 10
    [finding] = lrepo.codes("COP282")
    assert "misses the target 10" in finding.message
    lrepo.edit(
        METRIC, direction="lower-is-better", observations=[{"date": "2026-02-01", "value": 9}]
    )
    assert lrepo.codes("COP282") == []
