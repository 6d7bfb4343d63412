"""Experts: the person with the matching skill first, explained; git activity counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from copkit.network.experts import ExpertIndex, QueryError, find_experts
from tests.gitrepo import GitRepo
from tests.unit.network.builders import community, graph_of, org_graph, person, practice, taxonomy

TEAM = {
    "people/ada.yaml": person("ada", skills={"python": "expert", "drift-monitoring": "expert"}),
    "people/bob.yaml": person("bob", skills={"python": "expert", "fairness": "proficient"}),
    "people/cy.yaml": person("cy", skills={"drift-monitoring": "novice"}),
    "people/dee.yaml": person("dee", skills={"sql": "working"}),
    "mle/mle.yaml": community("mle", members={"bob": "core", "cy": "active"}),
    "ops/ops.yaml": community("ops", members={"ada": "core", "dee": "active"}),
}


def test_expert_with_matching_skill_ranks_first_and_is_explained(tmp_path: Path) -> None:
    graph = org_graph(tmp_path / "repo", TEAM)
    results = find_experts(graph, "How do we monitor model drift?")
    ranked = [expert.person for expert in results.experts]
    # ada: expert in the skill; cy: novice in it; bob only through "models" in the
    # description of his fairness skill; dee has nothing to do with it.
    assert ranked == ["ada", "cy", "bob"]
    assert [skill.skill for skill in results.experts[2].skills] == ["fairness"]
    best = results.experts[0]
    assert [skill.skill for skill in best.skills] == ["drift-monitoring"]
    assert best.skills[0].level == "expert"
    assert "Model drift monitoring at expert level" in best.reasons()[0]
    assert results.terms == ("how", "do", "we", "monitor", "model", "drift")


def test_higher_level_wins_when_skills_are_the_same(tmp_path: Path) -> None:
    documents = {
        "people/ada.yaml": person("ada", skills={"rust": "working"}),
        "people/bob.yaml": person("bob", skills={"rust": "expert"}),
    }
    results = find_experts(org_graph(tmp_path / "repo", documents), "rust")
    assert [expert.person for expert in results.experts] == ["bob", "ada"]
    # Same profile relevance (1.0) plus the level weight times relevance 1.0.
    assert [expert.score for expert in results.experts] == [2.0, 1.5]


def test_community_option_keeps_only_its_people(tmp_path: Path) -> None:
    graph = org_graph(tmp_path / "repo", TEAM)
    results = ExpertIndex(graph).search("drift", community="mle")
    assert [expert.person for expert in results.experts] == ["cy"]


def test_owned_practice_is_named_in_the_explanation(tmp_path: Path) -> None:
    documents = {
        **TEAM,
        "ops/practices/canary-releases.yaml": practice(
            "canary-releases",
            "ops",
            owners=["dee"],
            title="Release models behind a canary",
            summary="Compare the canary's predictions for drift before a full rollout.",
        ),
    }
    results = find_experts(org_graph(tmp_path / "repo", documents), "canary rollout")
    assert [expert.person for expert in results.experts] == ["dee"]
    matched = results.experts[0].practices[0]
    assert (matched.practice, matched.roles) == ("canary-releases", ("owner",))
    assert "Release models behind a canary (owner; practice 'canary-releases')" in (
        results.experts[0].reasons()
    )


def test_limit_cuts_the_ranking(tmp_path: Path) -> None:
    graph = org_graph(tmp_path / "repo", TEAM)
    assert len(find_experts(graph, "python", limit=1).experts) == 1


def test_query_without_words_and_unknown_community_are_refused(tmp_path: Path) -> None:
    index = ExpertIndex(org_graph(tmp_path / "repo", TEAM))
    with pytest.raises(QueryError, match="no searchable words"):
        index.search("the and of")
    with pytest.raises(QueryError, match="no community 'nope'"):
        index.search("python", community="nope")


def test_git_authorship_raises_a_persons_rank(tmp_path: Path) -> None:
    """Two people with the same declared skill; the one who changed the matching practice
    in git ranks first, and the explanation counts the commits."""
    git = GitRepo(tmp_path / "repo")
    base = {
        "copkit.yaml": "apiVersion: copkit/v1\nkind: Config\ndata: communities\n",
        "communities/vocabulary.yaml": taxonomy(),
        # zed sorts after amy, so a tie would put amy first.
        "communities/people/amy.yaml": person("amy", skills={"kubernetes": "proficient"}),
        "communities/people/zed.yaml": person("zed", skills={"kubernetes": "proficient"}),
        "communities/people/own.yaml": person("own"),
        "communities/k8s/k8s.yaml": community("k8s", members={"own": "core", "amy": "active"}),
    }
    git.commit("start", author=("Own", "own@example.org"), date="2026-01-01T09:00", files=base)
    text = practice(
        "autoscaling",
        "k8s",
        owners=["own"],
        title="Autoscale inference pods",
        summary="Scale pods on queue length, not CPU.",
    )
    git.commit(
        "practice",
        author=("Own", "own@example.org"),
        date="2026-01-02T09:00",
        files={"communities/k8s/practices/autoscaling.yaml": text},
    )
    before = find_experts(graph_of(git.root), "kubernetes autoscale")
    assert [e.person for e in before.experts if e.person != "own"] == ["amy", "zed"]

    for day in (3, 4):
        text = {**text, "summary": f"Scale pods on queue length, not CPU (rev {day})."}
        git.commit(
            "tune",
            author=("Zed", "zed@example.org"),
            date=f"2026-01-0{day}T09:00",
            files={"communities/k8s/practices/autoscaling.yaml": text},
        )
    after = find_experts(graph_of(git.root), "kubernetes autoscale")
    ranked = [e.person for e in after.experts if e.person != "own"]
    assert ranked == ["zed", "amy"]
    zed = next(e for e in after.experts if e.person == "zed")
    assert zed.practices[0].roles == ("author",)
    assert zed.practices[0].commits == 2
    assert zed.practices[0].last_commit == "2026-01-04"
    assert any("2 commits, last 2026-01-04" in reason for reason in zed.reasons())
