"""Each trend point is the score a full run as of that month's end gives, on a generated history.

The trend shares per-community work between its moments (the index of contributions,
the practices sorted with their files); nothing of one moment may leak into another.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from copkit.health import HealthReport, score_repository
from copkit.health.trend import month_ends
from copkit.history import History, history_of
from copkit.loader import load_repository
from copkit.repository import Repository

REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks.generate import END, generate  # noqa: E402

AS_OF = END.date()


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repository, History, HealthReport]:
    out = tmp_path_factory.mktemp("trend") / "org"
    generate(out, 400, 1_500, 3)
    result = load_repository(out)
    assert result.ok
    history = history_of(result.repository)
    report = score_repository(result.repository, history, as_of=AS_OF)
    return result.repository, history, report


def test_every_trend_point_equals_a_full_score_as_of_its_month_end(
    scored: tuple[Repository, History, HealthReport],
) -> None:
    repository, history, report = scored
    days = dict(month_ends(AS_OF, repository.config.score.trend_months))
    compared = 0
    for community_id, health in report.communities.items():
        assert [point.month for point in health.trend] == list(days)
        for point in health.trend:
            if point.overall is None and all(v is None for v in point.dimensions.values()):
                continue  # before the community existed: nothing to recompute
            alone = score_repository(
                repository, history, as_of=days[point.month], community=community_id, trend=False
            ).communities[community_id]
            assert point.overall == alone.overall, (community_id, point.month)
            assert point.dimensions == {n: d.score for n, d in alone.dimensions.items()}
            compared += 1
    assert compared > 12 * len(report.communities) // 2


def test_the_trend_moves_over_the_year(scored: tuple[Repository, History, HealthReport]) -> None:
    # Otherwise the comparison above would hold for a trend stuck at today's values.
    _, _, report = scored
    moving = [
        health
        for health in report.communities.values()
        if len({point.overall for point in health.trend if point.overall is not None}) > 3
    ]
    assert len(moving) >= len(report.communities) // 2
