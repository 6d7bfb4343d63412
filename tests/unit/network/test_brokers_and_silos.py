"""Brokers bridge communities; silos share nothing with any other."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest

from copkit.commands.network import render_text
from copkit.network import brokers
from copkit.network.brokers import find_brokers
from copkit.network.report import network_report
from copkit.network.silos import find_silos
from tests.unit.network.builders import community, org_graph, person, practice


def three_communities() -> dict[str, dict[str, object]]:
    people = {f"people/{p}.yaml": person(p) for p in ("ann", "bea", "cal", "dan", "eve", "fay")}
    return {
        **people,
        # cal alone belongs to both a and b; eve and fay are on their own in c.
        "a/a.yaml": community("a", members={"ann": "core", "bea": "active", "cal": "active"}),
        "b/b.yaml": community("b", members={"dan": "core", "cal": "peripheral"}),
        "c/c.yaml": community("c", members={"eve": "core", "fay": "core"}),
    }


def test_person_bridging_two_communities_is_the_top_broker(tmp_path: Path) -> None:
    report = find_brokers(org_graph(tmp_path / "repo", three_communities()))
    assert report.method == "exact"
    assert [broker.person for broker in report.brokers] == ["cal"]
    assert report.brokers[0].communities == ("a", "b")
    assert report.brokers[0].reason() == "links 2 communities: a, b"


def test_large_graphs_use_seeded_sampling_and_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = org_graph(tmp_path / "repo", three_communities())
    monkeypatch.setattr(brokers, "EXACT_LIMIT", 3)
    monkeypatch.setattr(brokers, "SAMPLES", 8)
    first, second = find_brokers(graph), find_brokers(graph)
    assert (first.method, first.samples, first.seed) == ("approximate", 8, brokers.SEED)
    assert first == second
    assert first.brokers[0].person == "cal"


def test_isolated_community_is_a_silo(tmp_path: Path) -> None:
    silos = find_silos(org_graph(tmp_path / "repo", three_communities()))
    assert [(silo.community, silo.members) for silo in silos] == [("c", 2)]


def test_superseding_another_communitys_practice_links_communities(tmp_path: Path) -> None:
    documents = three_communities()
    documents["a/practices/old-way.yaml"] = practice("old-way", "a", owners=["ann"])
    documents["c/practices/new-way.yaml"] = practice(
        "new-way", "c", owners=["eve"], supersedes=["old-way"]
    )
    assert find_silos(org_graph(tmp_path / "repo", documents)) == ()


def membership(seed: int, people: int, communities: int, groups: int) -> nx.Graph[str]:
    """A random membership graph: ``groups`` separate clusters of communities, each
    person in one to three communities of one cluster (so several components)."""
    rng = random.Random(seed)
    graph: nx.Graph[str] = nx.Graph()
    for number in range(people):
        group = number % groups
        pool = [f"community:c{group}-{c}" for c in range(communities)]
        for chosen in rng.sample(pool, rng.randint(1, 3)):
            graph.add_edge(f"person:p{number}", chosen)
    return graph


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_betweenness_one_component_at_a_time_equals_the_whole_graphs(seed: int) -> None:
    graph = membership(seed, people=60, communities=5, groups=3)
    assert nx.number_connected_components(graph) > 1
    centrality, sampled = brokers._betweenness(graph)
    assert not sampled
    expected = nx.betweenness_centrality(graph)
    assert centrality.keys() == expected.keys()
    assert all(centrality[n] == pytest.approx(expected[n], abs=1e-12) for n in expected)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_a_sampled_component_is_scaled_as_networkx_samples_it(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same sources as ``betweenness_centrality(k=, seed=)`` draws, and its estimator:
    the sum of each source's dependencies, a sampled source averaged over the other
    ``k - 1`` sources, any other node over all ``k`` (networkx 3.6's rescaling)."""
    graph = membership(seed, people=80, communities=6, groups=1)
    assert nx.is_connected(graph)  # one component: no rescaling to the whole graph
    monkeypatch.setattr(brokers, "EXACT_LIMIT", 20)
    monkeypatch.setattr(brokers, "SAMPLES", 9)
    centrality, sampled = brokers._betweenness(graph)
    assert sampled
    nodes = sorted(graph)
    n, k = len(nodes), 9
    sources = random.Random(brokers.SEED).sample(nodes, k)
    # betweenness_centrality_subset sums dependencies over the given sources and halves
    # them on an undirected graph; it has no sampling of its own to rescale.
    summed = nx.betweenness_centrality_subset(graph, sources, nodes, normalized=False)
    for node in nodes:
        over = k - 1 if node in sources else k
        expected = 2 * summed[node] / (over * (n - 2))
        assert centrality[node] == pytest.approx(expected, abs=1e-12)


def test_sampling_a_large_component_still_finds_the_planted_broker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two communities of twelve; zoe alone belongs to both.
    left = {f"l{n:02}": "active" for n in range(12)}
    right = {f"r{n:02}": "active" for n in range(12)}
    documents = {f"people/{p}.yaml": person(p) for p in [*left, *right, "zoe"]}
    documents["a/a.yaml"] = community("a", members={**left, "zoe": "core"})
    documents["b/b.yaml"] = community("b", members={**right, "zoe": "core"})
    graph = org_graph(tmp_path / "repo", documents)
    monkeypatch.setattr(brokers, "EXACT_LIMIT", 10)
    monkeypatch.setattr(brokers, "SAMPLES", 5)
    report = find_brokers(graph)
    assert (report.method, report.samples, report.seed, report.nodes) == (
        "approximate",
        5,
        brokers.SEED,
        27,
    )
    assert [broker.person for broker in report.brokers] == ["zoe"]
    assert report == find_brokers(graph)


def test_text_output_says_how_brokers_were_sampled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = org_graph(tmp_path / "repo", three_communities())
    monkeypatch.setattr(brokers, "EXACT_LIMIT", 3)
    text = render_text(network_report(graph))
    assert (
        f"Knowledge brokers (approximate betweenness: {brokers.SAMPLES} sampled sources, "
        f"seed {brokers.SEED}, in each component of more than 3 nodes, over 9 people and "
        "communities):"
    ) in text.splitlines()
