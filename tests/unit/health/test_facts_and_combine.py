"""History attribution (mailmap, renames, shallow clones), stage expectations, the combiner."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from copkit.health import score_repository
from copkit.health.combine import REGISTRY, combine_measures, normalised_weights, overall
from copkit.health.facts import index_activity
from copkit.health.model import Dimension, Measure
from copkit.health.trend import month_ends
from copkit.history import email_index, read_history
from copkit.loader import load_repository
from copkit.model.score_config import ScoreConfig

ANN = ("Ann", "ann@example.org")


def loaded(root: Path) -> Any:
    result = load_repository(root)
    assert result.ok, result.findings.items
    repository = result.repository
    history = read_history(repository.root, repository.data_dir, email_index(repository.people))
    return repository, history


def test_mailmap_and_declared_emails_map_authors_others_stay_outside(
    repo_builder: Callable[[str], Any],
) -> None:
    b = repo_builder("repo")
    (b.root / ".mailmap").write_text("Ann <ann@example.org> <ann.old@corp.example>\n")
    b.repo.index.add([".mailmap"])
    ml = b.community("ml", members=[{"person": "ann", "level": "core"}])
    b.commit("2024-01-01T10:00:00", ("Old Ann", "ann.old@corp.example"),
             b.person("ann", "ann@example.org"), ml)  # fmt: skip
    b.commit("2024-01-02T10:00:00", ("Zed", "Zed@Outside.example"), touch=(b.path_of(ml),))
    repository, history = loaded(b.root)
    activity = index_activity(repository, history)["ml"]
    assert [(c.author, c.person) for c in activity.contributions] == [
        ("ann", "ann"),
        ("zed@outside.example", None),
    ]


def test_renamed_files_credit_their_earlier_commits_to_the_community(
    repo_builder: Callable[[str], Any],
) -> None:
    b = repo_builder("repo")
    ml = b.community("ml")
    p = b.practice("p1", "ml", "ann")
    b.commit("2024-01-01T10:00:00", ANN, b.person("ann", "ann@example.org"), ml, p)
    b.commit("2024-01-02T10:00:00", ANN, touch=(b.path_of(p),))
    b.repo.git.mv(b.path_of(p), "data/p1.yaml")
    b.commit("2024-01-03T10:00:00", ANN)
    repository, history = loaded(b.root)
    activity = index_activity(repository, history)["ml"]
    assert [c.time.day for c in activity.contributions] == [1, 2, 3]
    assert activity.path_times["data/p1.yaml"][0].day == 1


def test_a_depth_1_clone_yields_no_boundary_commit(
    repo_builder: Callable[[str], Any], tmp_path: Path
) -> None:
    b = repo_builder("repo")
    b.commit("2024-01-01T10:00:00", ANN, b.person("ann", "ann@example.org"), b.community("ml"))
    b.commit("2024-02-01T10:00:00", ANN, touch=(b.path_of(b.community("ml")),))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{b.root}", str(clone)],
                   check=True)  # fmt: skip
    repository, history = loaded(clone)
    assert history.shallow
    assert history.commits == []  # the boundary commit would have "added" every file
    report = score_repository(repository, history, as_of=dt.date(2024, 2, 1))
    vitality = report.communities["ml"].dimensions["vitality"]
    assert all(m.score is None for m in vitality.measures)


def steady_repo(repo_builder: Callable[[str], Any], stage: str) -> Any:
    """One member committing once a month for a year: steady, low activity."""
    b = repo_builder(stage)
    ml = b.community("ml", stage, members=[{"person": "ann", "level": "core"}])
    b.commit("2023-06-01T10:00:00", ANN, b.person("ann", "ann@example.org"), ml)
    for month in range(1, 7):
        b.commit(f"2024-{month:02d}-15T10:00:00", ANN, touch=(b.path_of(ml),))
    return loaded(b.root)


def test_steady_low_activity_is_healthy_in_stewardship_not_in_active(
    repo_builder: Callable[[str], Any],
) -> None:
    as_of = dt.date(2024, 6, 30)
    scores = {}
    for stage in ("stewardship", "active"):
        repository, history = steady_repo(repo_builder, stage)
        health = score_repository(repository, history, as_of=as_of).communities["ml"]
        scores[stage] = health.dimensions["vitality"].measure("frequency").score
    # 3 commits in 90 days = 1 per 30 days: stewardship expects 1 (100), active 4 (25).
    assert scores == {"stewardship": 100.0, "active": 25.0}


def test_young_stages_are_not_penalised_for_missing_declarations(
    repo_builder: Callable[[str], Any],
) -> None:
    b = repo_builder("repo")
    b.commit("2024-01-01T10:00:00", ANN, b.person("ann", "ann@example.org"),
             b.community("young", "potential"), b.community("grown", "active"))  # fmt: skip
    repository, history = loaded(b.root)
    report = score_repository(repository, history, as_of=dt.date(2024, 6, 30))
    young, grown = report.communities["young"], report.communities["grown"]
    assert young.dimensions["leadership"].measure("sponsor").score is None
    assert "not expected of a community at stage potential" in (
        young.dimensions["leadership"].measure("sponsor").unknown_reason or ""
    )
    assert grown.dimensions["leadership"].measure("sponsor").score == 0.0
    assert young.dimensions["impact"].score is None
    assert grown.dimensions["impact"].score == 0.0


def test_history_younger_than_the_window_is_unknown(repo_builder: Callable[[str], Any]) -> None:
    b = repo_builder("repo")
    b.commit("2024-06-01T10:00:00", ANN, b.person("ann", "ann@example.org"),
             b.community("ml", members=[{"person": "ann", "level": "core"}]))  # fmt: skip
    repository, history = loaded(b.root)
    report = score_repository(repository, history, as_of=dt.date(2024, 6, 30))
    participation = report.communities["ml"].dimensions["vitality"].measure("participation")
    assert participation.score is None
    assert "starts on 2024-06-01, less than 90 days before 2024-06-30" in (
        participation.unknown_reason or ""
    )
    trend = report.communities["ml"].trend
    assert trend[0].overall is None  # 2023-07: the community did not exist yet


def test_unknown_measures_are_left_out_of_the_dimension_mean() -> None:
    spec = REGISTRY[0]
    measures = [
        Measure("a", "A", 80.0, 1, "a"),
        Measure("b", "B", None, None, "Unknown: x.", "x"),
        Measure("c", "C", 40.0, 1, "c"),
    ]
    dimension = combine_measures(spec, measures, 0.3)
    assert dimension.score == 60.0  # (80 + 40) / 2, not (80 + 0 + 40) / 3
    assert "unknown and left out: b" in dimension.explanation
    assert combine_measures(spec, [measures[1]], 0.3).score is None


def test_overall_renormalises_weights_over_known_dimensions() -> None:
    def dim(name: str, score: float | None, weight: float) -> Dimension:
        return Dimension(name, score, weight, "", ())

    dims = {
        "vitality": dim("vitality", None, 0.3),
        "knowledge_flow": dim("knowledge_flow", 50.0, 0.3),
        "leadership": dim("leadership", 100.0, 0.2),
        "impact": dim("impact", None, 0.2),
    }
    score, note = overall(dims)
    # (0.3 * 50 + 0.2 * 100) / 0.5 = 70
    assert score == 70.0
    assert note is not None
    assert "vitality, impact" in note
    assert "knowledge_flow 0.60, leadership 0.40" in note
    assert overall({"vitality": dim("vitality", None, 1.0)}) == (
        None,
        "No dimension could be scored, so the overall score is unknown.",
    )


def test_configured_weights_are_normalised() -> None:
    config = ScoreConfig.model_validate({"weights": {"vitality": 2, "impact": 0}})
    # 2 + 0.3 + 0.2 + 0 = 2.5
    assert normalised_weights(config) == {
        "vitality": 0.8,
        "knowledge_flow": 0.12,
        "leadership": 0.08,
        "impact": 0.0,
    }


def test_month_ends_end_with_the_as_of_day() -> None:
    assert month_ends(dt.date(2024, 3, 15), 4) == [
        ("2023-12", dt.date(2023, 12, 31)),
        ("2024-01", dt.date(2024, 1, 31)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2024-03", dt.date(2024, 3, 15)),
    ]
