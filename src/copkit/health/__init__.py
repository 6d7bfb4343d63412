"""Health scores: per community, four dimensions of explained measures, an overall score, a trend.

``score_repository`` is the entry point; its result's ``to_dict()`` is the stable JSON form
documented in ``site/docs/reference/health.md``.
"""

from __future__ import annotations

import datetime as dt

from copkit.health.combine import REGISTRY, normalised_weights, overall, score_dimension
from copkit.health.facts import Activity, CommunityFacts, day_end, index_activity
from copkit.health.model import (
    CommunityHealth,
    Dimension,
    HealthReport,
    HistoryStatus,
    Measure,
    TrendPoint,
)
from copkit.health.trend import month_ends
from copkit.history import History
from copkit.model import Community
from copkit.model.score_config import ScoreConfig
from copkit.parallel import map_in_two
from copkit.repository import Repository

__all__ = [
    "CommunityHealth",
    "Dimension",
    "HealthReport",
    "HistoryStatus",
    "Measure",
    "TrendPoint",
    "score_repository",
]

MIN_FORKED = 16
"""Fewer communities are scored faster than a process forks and sends its half back."""


def score_repository(
    repository: Repository,
    history: History,
    *,
    as_of: dt.date,
    config: ScoreConfig | None = None,
    community: str | None = None,
    trend: bool = True,
) -> HealthReport:
    """Score every community (or only ``community``) of ``repository`` as of ``as_of``.

    ``history`` is read once into an index; commits after ``as_of`` are ignored. With
    ``trend``, each community also gets its scores at the last ``trend_months`` month ends.
    """
    config = config or repository.config.score
    status = HistoryStatus(history.available, history.shallow, history.reason)
    activity = index_activity(repository, history) if history.available else {}
    weights = normalised_weights(config)
    chosen = [
        (community_id, entity)
        for community_id, entity in sorted(repository.communities.items())
        if community is None or community_id == community
    ]

    def score(item: tuple[str, Community]) -> CommunityHealth:
        community_id, entity = item
        return _score_community(
            repository,
            entity,
            config,
            status,
            activity.get(community_id, Activity()),
            weights,
            as_of,
            trend=trend,
        )

    # Communities are scored independently: with the trend, a forked child takes half.
    scored = map_in_two(score, chosen, min_items=MIN_FORKED if trend else len(chosen) + 1)
    communities = {item[0]: health for item, health in zip(chosen, scored, strict=True)}
    return HealthReport(as_of=as_of, history=status, communities=communities)


def _dimensions(facts: CommunityFacts, weights: dict[str, float]) -> dict[str, Dimension]:
    return {spec.name: score_dimension(spec, facts, weights[spec.name]) for spec in REGISTRY}


def _scores(dimensions: dict[str, Dimension]) -> dict[str, float | None]:
    return {name: dim.score for name, dim in dimensions.items()}


def _existed(community: Community, activity: Activity, status: HistoryStatus, day: dt.date) -> bool:
    """Whether the community existed on ``day``: founded by then, or its files committed.

    Without complete history and without a ``founded`` date there is no telling; the
    point is then scored like any other.
    """
    if community.founded is not None and community.founded <= day:
        return True
    if activity.first_before(day_end(day)) is not None:
        return True
    return not status.complete and community.founded is None


def _score_community(
    repository: Repository,
    community: Community,
    config: ScoreConfig,
    status: HistoryStatus,
    activity: Activity,
    weights: dict[str, float],
    as_of: dt.date,
    *,
    trend: bool,
) -> CommunityHealth:
    def facts_at(day: dt.date) -> CommunityFacts:
        return CommunityFacts(repository, community, config, day, activity, status)

    dimensions = _dimensions(facts_at(as_of), weights)
    score, renormalised = overall(dimensions)
    notes: list[str] = []
    if not status.available:
        notes.append(f"No git history ({status.reason}): history-based measures are unknown.")
    elif status.shallow:
        notes.append(
            "The repository is a shallow clone: history-based measures are unknown "
            "(run `git fetch --unshallow` for full scores)."
        )
    if renormalised:
        notes.append(renormalised)
    expectation = config.expectation(community.stage)
    if not expectation.fail_under:
        notes.append(
            f"Stage {community.stage}: reported for the record, not checked by --fail-under."
        )
    points: list[TrendPoint] = []
    if trend:
        for month, day in month_ends(as_of, config.trend_months):
            if day == as_of:
                points.append(TrendPoint(month, score, _scores(dimensions)))
            elif not _existed(community, activity, status, day):
                points.append(TrendPoint(month, None, dict.fromkeys(dimensions)))
            else:
                at = _dimensions(facts_at(day), weights)
                points.append(TrendPoint(month, overall(at)[0], _scores(at)))
    return CommunityHealth(
        community=community.id,
        name=community.name,
        stage=community.stage,
        overall=score,
        dimensions=dimensions,
        trend=tuple(points),
        notes=tuple(notes),
        checked_by_fail_under=expectation.fail_under,
    )
