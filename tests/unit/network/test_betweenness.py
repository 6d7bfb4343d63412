"""Brandes' dependencies from blocks of sources, against networkx's one-at-a-time search."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from copkit.network import betweenness
from copkit.network.betweenness import dependencies


def adjacency(graph: nx.Graph[int]) -> sp.csr_array:
    return sp.csr_array(nx.to_scipy_sparse_array(graph, nodelist=sorted(graph), format="csr"))


@pytest.mark.parametrize(
    "graph",
    [
        nx.path_graph(7),
        nx.cycle_graph(8),  # two shortest paths between opposite nodes
        nx.grid_2d_graph(4, 5),
        nx.complete_bipartite_graph(3, 4),
        nx.disjoint_union(nx.star_graph(5), nx.path_graph(4)),  # unreachable nodes
        nx.gnm_random_graph(120, 300, seed=3),
    ],
    ids=["path", "cycle", "grid", "bipartite", "two-components", "random"],
)
@pytest.mark.parametrize("block", [1, 3, 32])
def test_every_source_gives_networkx_betweenness(
    graph: nx.Graph[object], block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = nx.convert_node_labels_to_integers(graph, ordering="sorted")
    monkeypatch.setattr(betweenness, "BLOCK", block)
    n = graph.number_of_nodes()
    values = dependencies(adjacency(graph), range(n))
    expected = nx.betweenness_centrality(graph, normalized=False)
    # networkx halves the sum over ordered pairs on an undirected graph.
    assert values / 2 == pytest.approx(np.array([expected[v] for v in range(n)]), abs=1e-9)


def test_a_subset_of_sources_gives_their_dependencies_only() -> None:
    graph = nx.convert_node_labels_to_integers(nx.gnm_random_graph(60, 140, seed=8))
    sources = [5, 17, 2, 44]
    values = dependencies(adjacency(graph), sources)
    expected = nx.betweenness_centrality_subset(graph, sources, list(graph), normalized=False)
    assert values / 2 == pytest.approx(np.array([expected[v] for v in range(60)]), abs=1e-9)
