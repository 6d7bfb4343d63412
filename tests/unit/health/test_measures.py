"""Every measure on one hand-built history, each expected value worked out in the comments.

As of 2024-06-30 with the default 90-day window: the window is 2024-04-02..2024-06-30, the
previous window 2024-01-03..2024-04-01 and the long window 2023-07-02..2024-06-30.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from copkit.health import HealthReport, score_repository
from copkit.history import email_index, read_history
from copkit.loader import load_repository

ANN = ("Ann", "ann@example.org")
BOB = ("Bob", "bob@example.org")
CID = ("Cid", "cid@example.org")
OLGA = ("Olga", "olga@elsewhere.org")  # not a Person: an outside contributor
FRANK = ("Frank", "frank@elsewhere.org")  # outside, first contribution in the window
AS_OF = dt.date(2024, 6, 30)


def build(repo_builder: Callable[[str], Any]) -> Any:
    b = repo_builder("repo")
    people = [
        b.person(name, f"{name}@example.org", unit=unit)
        for name, unit in (("ann", "ml"), ("bob", "ml"), ("cid", "data"), ("dan", "data"))
    ]
    people.append(b.person("eve", "eve@example.org"))
    ml = b.community(
        "ml",
        leads=[
            {"person": "ann", "role": "chair", "since": "2023-01-01", "successor": "cid"},
            {"person": "bob", "role": "co-lead", "since": "2023-01-01", "until": "2024-03-31"},
            {"person": "dan", "role": "co-lead", "since": "2024-05-01"},
        ],
        members=[
            {"person": "ann", "level": "core"},
            {"person": "bob", "level": "active"},
            {"person": "cid", "level": "peripheral", "since": "2023-01-01"},
            {"person": "eve", "level": "peripheral", "since": "2024-06-01"},
        ],
    )
    p1 = b.practice("p1", "ml", "ann", "adopted", adopted_by=[{"team": "A"}, {"team": "B"}])
    p2 = b.practice(
        "p2",
        "ml",
        "ann",
        "trial",
        adopted_by=[{"team": "b"}, {"team": "C", "since": "2024-09-01"}],
    )
    p3 = b.practice("p3", "ml", "ann", "retired", adopted_by=[{"team": "D"}])
    p4 = b.practice("p4", "ml", "ann", "draft", next_review="2024-01-01")
    metrics = [
        b.metric(
            "m1",
            "ml",
            target=10,
            observations=[{"date": "2024-01-01", "value": 4}, {"date": "2024-06-01", "value": 8}],
        ),
        b.metric(
            "m2",
            "ml",
            direction="lower-is-better",
            target=5,
            observations=[{"date": "2024-02-01", "value": 3}, {"date": "2024-05-01", "value": 3}],
        ),
        b.metric(
            "m3",
            "ml",
            target=20,
            observations=[
                {"date": "2024-03-01", "value": 30},
                {"date": "2024-06-15", "value": 25},
            ],
        ),
        b.metric("m4", "ml", target=8, computed="commits"),
    ]
    dated = [
        b.asset("a1", "ml", "ann", "2024-01-15"),
        b.asset("a2", "ml", "ann", "2023-05-01"),
        b.event("e1", "ml", "2024-04-15"),
        b.event("e2", "ml", "2024-03-01"),
    ]
    b.commit("2023-01-10T09:00:00", ANN, *people, ml, p1, p2, p3, p4, *metrics, *dated)
    b.commit("2024-02-01T09:00:00", BOB, touch=(b.path_of(p1),))
    b.commit("2024-03-01T09:00:00", CID, touch=(b.path_of(p2),))
    b.commit("2024-03-15T09:00:00", OLGA, touch=(b.path_of(p1),))
    b.commit("2024-04-10T09:00:00", ANN, touch=(b.path_of(ml),))
    b.commit("2024-05-05T09:00:00", BOB, touch=(b.path_of(p1),))
    b.commit("2024-06-01T09:00:00", OLGA, touch=(b.path_of(p2),))
    b.commit("2024-06-20T09:00:00", FRANK, touch=(b.path_of(p1),))
    return b


@pytest.fixture
def report(repo_builder: Callable[[str], Any]) -> HealthReport:
    b = build(repo_builder)
    loaded = load_repository(b.root)
    assert loaded.ok, loaded.findings.items
    repository = loaded.repository
    history = read_history(repository.root, repository.data_dir, email_index(repository.people))
    return score_repository(repository, history, as_of=AS_OF)


def measure(report: HealthReport, dimension: str, measure_id: str) -> Any:
    return report.communities["ml"].dimensions[dimension].measure(measure_id)


def test_participation_counts_members_and_leads_who_committed_in_the_window(
    report: HealthReport,
) -> None:
    # members {ann, bob, cid, eve} + current leads {ann, dan} = 5; ann and bob committed
    # in the window: 2/5 = 0.4 against 0.5 expected -> 80.
    m = measure(report, "vitality", "participation")
    assert (m.score, m.value) == (80.0, 0.4)
    assert m.explanation.startswith("2 of 5 members contributed in the last 90 days (40%")
    assert "2 non-members also contributed" in m.explanation  # olga and frank


def test_frequency_is_commits_per_30_days_against_the_stage(report: HealthReport) -> None:
    # 4 commits in the window: 4 * 30 / 90 = 1.33 per 30 days against 4 -> 33.3.
    m = measure(report, "vitality", "frequency")
    assert (m.score, m.value) == (33.3, 1.33)


def test_new_members_joins_declared_and_first_time_contributors(report: HealthReport) -> None:
    # declared: eve joined 2024-06-01, dan leads since 2024-05-01; first contribution: frank.
    m = measure(report, "vitality", "new_members")
    assert (m.score, m.value) == (100.0, 3)
    assert "2 declared joins, 1 first contribution" in m.explanation


def test_retention_of_the_previous_windows_contributors(report: HealthReport) -> None:
    # previous window: bob, cid, olga; current: ann, bob, olga, frank -> 2 of 3 stayed.
    m = measure(report, "vitality", "retention")
    assert (m.score, m.value) == (66.7, 0.667)


def test_knowledge_flow_measures(report: HealthReport) -> None:
    flow = report.communities["ml"].dimensions["knowledge_flow"]
    # p1 and p2 touched in the window: 2 against 2 expected.
    assert (flow.measure("practices_changed").score, flow.measure("practices_changed").value) == (
        100.0,
        2,
    )
    # live: p1, p2, p4; p4 untouched since 2023-01-10 and past its review: 2/3.
    fresh = flow.measure("freshness")
    assert fresh.score == 66.7
    assert "stale: p4" in fresh.explanation
    # teams of trial/adopted practices: A, B (b is the same team), C not yet: 2 of 3.
    assert (flow.measure("adoption").score, flow.measure("adoption").value) == (66.7, 2)
    # a1 in the last 365 days, a2 not: 1 of 2 expected.
    assert (flow.measure("assets").score, flow.measure("assets").value) == (50.0, 1)
    # e1 in the window, e2 before it: 1 of 2 expected.
    assert (flow.measure("events").score, flow.measure("events").value) == (50.0, 1)
    # mean of 100, 66.7, 66.7, 50, 50 = 66.68
    assert flow.score == 66.7


def test_leadership_measures(report: HealthReport) -> None:
    lead = report.communities["ml"].dimensions["leadership"]
    # ann and dan lead on 2024-06-30; bob's term ended 2024-03-31.
    assert (lead.measure("lead_distribution").score, lead.measure("lead_distribution").value) == (
        100.0,
        2,
    )
    # long window commits: bob 2, olga 2, ann 1, cid 1, frank 1 = 7; bob + olga = 4 >= 3.5.
    bus = lead.measure("bus_factor")
    assert (bus.score, bus.value) == (100.0, 2)
    assert "of the 7 commits" in bus.explanation
    # ann named cid, dan named nobody.
    assert (lead.measure("succession").score, lead.measure("succession").value) == (50.0, 1)
    assert lead.measure("sponsor").score == 0.0
    assert lead.score == 62.5


def test_impact_measures(report: HealthReport) -> None:
    impact = report.communities["ml"].dimensions["impact"]
    # m1 8/10 = 0.8, m2 3 <= 5 = 1, m3 25 >= 20 = 1, m4 computed commits 4/8 = 0.5 -> 0.825
    targets = impact.measure("targets")
    assert (targets.score, targets.value) == (82.5, 0.825)
    assert targets.explanation.startswith("2 of 4 metrics with a target meet it")
    # m1 improved (1), m2 held on target (1), m3 worsened (0) -> 2/3
    assert impact.measure("metric_trend").score == 66.7
    assert impact.score == 74.6


def test_overall_is_the_weighted_mean_of_the_dimensions(report: HealthReport) -> None:
    health = report.communities["ml"]
    # vitality (80 + 33.3 + 100 + 66.7) / 4 = 70.0
    assert health.dimensions["vitality"].score == 70.0
    # 0.3 * 70 + 0.3 * 66.7 + 0.2 * 62.5 + 0.2 * 74.6 = 68.43
    assert health.overall == 68.4
    assert health.notes == ()


def test_trend_has_twelve_month_ends_ending_with_the_current_score(report: HealthReport) -> None:
    trend = report.communities["ml"].trend
    assert trend[0].month == "2023-07"
    assert trend[-1].month == "2024-06"
    assert len(trend) == 12
    assert trend[-1].overall == report.communities["ml"].overall
    # 2024-01-31: window 2023-11-03..2024-01-31 had no commit: frequency 0 then.
    assert trend[6].month == "2024-01"
    assert trend[6].dimensions["vitality"] is not None
    assert trend[6].dimensions["vitality"] < trend[-1].dimensions["vitality"]  # type: ignore[operator]


def test_to_dict_follows_the_documented_contract(report: HealthReport) -> None:
    data = report.to_dict()
    assert data["as_of"] == "2024-06-30"
    assert data["history"] == {"available": True, "shallow": False, "reason": None}
    health = data["communities"]["ml"]
    assert set(health) == {
        "community", "name", "stage", "overall", "dimensions", "trend", "notes"
    }  # fmt: skip
    assert list(health["dimensions"]) == ["vitality", "knowledge_flow", "leadership", "impact"]
    dimension = health["dimensions"]["leadership"]
    assert set(dimension) == {"name", "title", "score", "weight", "explanation", "measures"}
    assert dimension["title"] == "Leadership and sustainability"
    assert dimension["weight"] == 0.2
    assert set(dimension["measures"][0]) == {
        "id", "name", "score", "value", "explanation", "unknown_reason"
    }  # fmt: skip
    assert set(health["trend"][0]) == {"month", "overall", "dimensions"}
