"""Suggested communities from uncovered shared skills; whom to invite into a community."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copkit.network.invitations import find_invitations
from copkit.network.suggestions import suggest_communities
from tests.unit.network.builders import community, org_graph, person, practice


def organisation() -> dict[str, dict[str, Any]]:
    return {
        # mle covers python (its practice needs it) and mlops (its domain).
        "people/ada.yaml": person("ada", skills={"python": "expert"}, interests=["mlops"]),
        "people/bob.yaml": person("bob", skills={"python": "working"}),
        "mle/mle.yaml": community("mle", members={"ada": "core", "bob": "core"}, domain=["mlops"]),
        "mle/practices/pin.yaml": practice("pin", "mle", owners=["ada"], skills=["python"]),
        # Three people share rust and wasm, which no community covers.
        "people/kim.yaml": person("kim", skills={"rust": "expert", "wasm": "working"}),
        "people/lee.yaml": person("lee", skills={"rust": "novice", "wasm": "proficient"}),
        "people/max.yaml": person("max", skills={"rust": "working", "wasm": "working"}),
        # Two others share sql: too few for a community.
        "people/nia.yaml": person("nia", skills={"sql": "working", "python": "expert"}),
        "people/oli.yaml": person("oli", skills={"sql": "expert"}, interests=["mlops"]),
    }


def test_three_people_sharing_uncovered_skills_yield_one_suggestion(tmp_path: Path) -> None:
    suggestions = suggest_communities(org_graph(tmp_path / "repo", organisation()))
    assert len(suggestions) == 1
    [suggestion] = suggestions
    assert suggestion.people == ("kim", "lee", "max")
    assert suggestion.skills == ("rust", "wasm")
    assert suggestion.interests == ()
    assert suggestion.reason() == "3 people share rust, wasm, which no open community covers"


def test_a_community_covering_the_skills_removes_the_suggestion(tmp_path: Path) -> None:
    documents = organisation()
    documents["sys/sys.yaml"] = community("sys", members={"kim": "core"})
    documents["sys/practices/fast.yaml"] = practice("fast", "sys", owners=["kim"], skills=["rust"])
    # rust is covered now; wasm alone is still shared by all three.
    [suggestion] = suggest_communities(org_graph(tmp_path / "repo", documents))
    assert (suggestion.people, suggestion.skills) == (("kim", "lee", "max"), ("wasm",))
    documents["sys/practices/fast.yaml"] = practice(
        "fast", "sys", owners=["kim"], skills=["rust", "wasm"]
    )
    assert suggest_communities(org_graph(tmp_path / "repo2", documents)) == ()


def test_outsiders_matching_the_domain_are_invited(tmp_path: Path) -> None:
    [mle] = find_invitations(org_graph(tmp_path / "repo", organisation()))
    assert mle.community == "mle"
    # nia: python expert (1.0); oli: interested in mlops (1.0). Members are never invited;
    # kim, lee and max match nothing of mle.
    assert [(i.person, i.score, i.skills, i.interests) for i in mle.invitations] == [
        ("nia", 1.0, ("python",), ()),
        ("oli", 1.0, (), ("mlops",)),
    ]
