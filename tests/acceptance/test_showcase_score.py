"""The showcase's health scores are reproducible and plausible."""

from __future__ import annotations

import json

from tests.conftest import REPO_ROOT, run_copkit


def score_json() -> str:
    result = run_copkit("score", "--today", "2026-11-23", "--format", "json", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_showcase_scores_are_byte_identical_across_runs() -> None:
    assert score_json() == score_json()


def test_dormant_community_scores_lower_than_every_active_one() -> None:
    communities = json.loads(score_json())["communities"]
    closed = communities["recommender-systems"]
    active = [c for c in communities.values() if c["stage"] == "active"]
    assert closed["stage"] == "closed"
    assert active
    assert all(c["overall"] is not None for c in active)
    assert all(closed["overall"] < c["overall"] for c in active)


def test_every_number_comes_with_an_explanation() -> None:
    communities = json.loads(score_json())["communities"]
    for community in communities.values():
        for dimension in community["dimensions"].values():
            assert dimension["explanation"]
            for measure in dimension["measures"]:
                assert measure["explanation"]
                if measure["score"] is None:
                    assert measure["unknown_reason"]
