"""The graph's typed nodes and weighted edges, and the directory built from it."""

from __future__ import annotations

from pathlib import Path

from copkit.loader import load_repository
from copkit.network.directory import people_directory, skill_directory
from copkit.network.graph import NOT_READ, build_graph, node
from tests.gitrepo import GitRepo
from tests.unit.network.builders import community, graph_of, org_graph, person, practice, taxonomy


def test_nodes_are_typed_and_edges_weighted(tmp_path: Path) -> None:
    documents = {
        "people/ada.yaml": person(
            "ada", skills={"python": "proficient"}, mentors=["python"], interests=["data"]
        ),
        "people/bob.yaml": person("bob", learning=["python"]),
        "mle/mle.yaml": community("mle", members={"ada": "core", "bob": "peripheral"}),
        "mle/practices/pin.yaml": practice(
            "pin",
            "mle",
            owners=["ada"],
            skills=["python"],
            approvals=[{"person": "bob", "date": "2026-01-01"}],
        ),
    }
    graph = org_graph(tmp_path / "repo", documents)
    ada, bob, mle = node("person", "ada"), node("person", "bob"), node("community", "mle")
    assert graph.nodes[ada]["kind"] == "person"
    assert graph.nodes[node("skill", "python")]["label"] == "Python"
    assert graph.edges[ada, mle, "member"]["weight"] == 1.0
    assert graph.edges[bob, mle, "member"]["weight"] == 0.3
    assert graph.edges[ada, mle, "lead"]["role"] == "co-lead"
    assert graph.edges[ada, node("skill", "python"), "skill"]["weight"] == 0.75
    assert graph.edges[bob, node("practice", "pin"), "approver"]["weight"] == 0.5
    assert graph.has_edge(node("practice", "pin"), node("skill", "python"), "requires")
    assert graph.graph["history"]["available"] is False


def test_authorship_edges_count_commits_and_fade_with_age(tmp_path: Path) -> None:
    git = GitRepo(tmp_path / "repo")
    ada, bob = ("Ada", "ada@example.org"), ("Bob", "BOB@example.org")
    files = {
        "copkit.yaml": "apiVersion: copkit/v1\nkind: Config\ndata: communities\n",
        "communities/vocabulary.yaml": taxonomy(),
        "communities/people/ada.yaml": person("ada"),
        "communities/people/bob.yaml": person("bob"),
        "communities/mle/mle.yaml": community("mle", members={"ada": "core", "bob": "core"}),
    }
    git.commit("start", author=ada, date="2025-01-01T00:00", files=files)
    path = "communities/mle/practices/pin.yaml"
    git.commit(
        "add",
        author=ada,
        date="2025-01-02T00:00",
        files={path: practice("pin", "mle", owners=["ada"])},
    )
    # 180 days later: bob's edit is the newest commit, so it weighs 1 and ada's 0.5.
    git.commit(
        "edit",
        author=bob,
        date="2025-07-01T00:00",
        files={path: practice("pin", "mle", owners=["ada"], summary="Better.")},
    )
    graph = graph_of(git.root)
    pin = node("practice", "pin")
    by_ada = graph.edges[node("person", "ada"), pin, "author"]
    by_bob = graph.edges[node("person", "bob"), pin, "author"]
    assert (by_ada["commits"], by_ada["last"], by_ada["weight"]) == (1, "2025-01-02", 0.5)
    assert (by_bob["commits"], by_bob["last"], by_bob["weight"]) == (1, "2025-07-01", 1.0)
    assert graph.graph["history"]["as_of"] == "2025-07-01T00:00:00+00:00"

    # Without history (mentors, gaps, network): the same graph less the author edges.
    repository = load_repository(git.root).repository
    without = build_graph(repository, None)
    assert without.graph["history"] == {
        "available": False,
        "complete": False,
        "reason": NOT_READ,
        "as_of": None,
    }
    authored = [(u, v, k) for u, v, k in graph.edges(keys=True) if k == "author"]
    assert len(authored) == 2
    assert sorted(without.edges(keys=True, data=True)) == sorted(
        item for item in graph.edges(keys=True, data=True) if item[2] != "author"
    )
    assert list(without.nodes(data=True)) == list(graph.nodes(data=True))


def test_directory_links_people_to_skills_communities_and_practices(tmp_path: Path) -> None:
    documents = {
        "people/ada.yaml": person("ada", skills={"python": "working", "sql": "expert"}),
        "people/bob.yaml": person("bob", skills={"python": "expert"}, mentors=["python"]),
        "people/cy.yaml": person("cy", skills={"python": "working"}, learning=["sql"]),
        "mle/mle.yaml": community("mle", members={"ada": "core", "bob": "active"}),
        "mle/practices/pin.yaml": practice("pin", "mle", owners=["ada"], skills=["python"]),
    }
    graph = org_graph(tmp_path / "repo", documents)
    ada = people_directory(graph)[0]
    assert ada.person == "ada"
    assert ada.skills == (("sql", "expert"), ("python", "working"))
    assert ada.communities == (("mle", "lead"),)
    assert ada.practices == (("pin", ("owner",)),)
    pages = {page.skill: page for page in skill_directory(graph)}
    python = pages["python"]
    # bob first (expert); ada before cy (same level, but ada owns a practice needing it).
    assert [holder.person for holder in python.holders] == ["bob", "ada", "cy"]
    assert python.holders[0].mentors is True
    assert python.holders[1].practices == ("pin",)
    assert pages["sql"].learners == ("cy",)
    assert python.to_dict()["practices"] == ["pin"]
