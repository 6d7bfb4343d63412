"""Shared edge storage reads exactly like networkx's own, with one dict per distinct value."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from copkit.network.edges import SharedEdges

NODES = ("p:ann", "p:bob", "c:a", "c:b", "s:py")
EDGES: list[tuple[str, str, str, dict[str, Any], bool]] = [
    ("p:ann", "c:a", "member", {"relation": "member", "weight": 1.0, "level": "core"}, True),
    ("p:bob", "c:a", "member", {"relation": "member", "weight": 1.0, "level": "core"}, True),
    ("p:ann", "c:b", "member", {"relation": "member", "weight": 1.0, "level": "core"}, True),
    ("p:ann", "c:a", "lead", {"relation": "lead", "weight": 1.0, "role": "chair"}, True),
    ("p:bob", "c:a", "lead", {"relation": "lead", "weight": 1.0, "role": "chair"}, True),
    ("p:bob", "s:py", "skill", {"relation": "skill", "weight": 1, "level": "x"}, True),
    ("p:ann", "s:py", "skill", {"relation": "skill", "weight": 1.0, "level": "x"}, True),
    ("p:ann", "c:a", "member", {"weight": 0.6, "level": "active"}, True),  # again: updated
    ("p:ann", "s:py", "author", {"relation": "author", "weight": 0.5, "commits": 2}, False),
    ("c:b", "c:a", "related", {"relation": "related", "weight": 1.0}, True),
    ("p:bob", "c:b", "member", {"relation": "member", "weight": 1.0, "level": "core"}, True),
]


def built(shared: bool) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(NODES)
    edges = SharedEdges(graph)
    for source, target, key, data, share in EDGES:
        if shared:
            edges.add(source, target, key, dict(data), share=share)
        else:
            graph.add_edge(source, target, key=key, **data)
    return edges.done() if shared else graph


def layout(graph: nx.MultiDiGraph[str]) -> list[object]:
    """Everything a reader can see, in the order it sees it."""
    return [
        list(graph.edges(keys=True, data=True)),
        [list(graph.in_edges(name, keys=True, data=True)) for name in graph],
        [[(k, type(v), v) for k, v in data.items()] for *_, data in graph.edges(data=True)],
    ]


def test_the_graph_reads_as_if_add_edge_had_built_it() -> None:
    assert layout(built(shared=True)) == layout(built(shared=False))


def test_equal_attributes_and_equal_pairs_share_one_dict() -> None:
    graph = built(shared=True)
    bob_member = graph.edges["p:bob", "c:a", "member"]
    ann_member_b = graph.edges["p:ann", "c:b", "member"]
    assert bob_member is ann_member_b
    assert graph.edges["p:ann", "c:a", "member"]["level"] == "active"  # its own, updated
    assert bob_member["level"] == "core"  # the update changed no shared dict
    assert graph.edges["p:ann", "c:a", "lead"] is graph.edges["p:bob", "c:a", "lead"]
    # Pairs joined by the same edges share their key dict (networkx's, as add_edge left it).
    succ = graph._succ  # type: ignore[attr-defined]
    assert succ["p:bob"]["c:b"] is succ["p:ann"]["c:b"]
    assert succ["p:bob"]["c:a"] is not succ["p:ann"]["c:a"]
    assert graph._pred["c:b"]["p:bob"] is succ["p:bob"]["c:b"]  # type: ignore[attr-defined]
    # 1 and 1.0 are equal but print differently: not shared.
    assert graph.edges["p:bob", "s:py", "skill"]["weight"] == 1
    assert isinstance(graph.edges["p:bob", "s:py", "skill"]["weight"], int)
    assert isinstance(graph.edges["p:ann", "s:py", "skill"]["weight"], float)


def test_the_built_graph_is_frozen() -> None:
    graph = built(shared=True)
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        graph.add_edge("p:ann", "c:a", key="member")
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        graph.remove_node("p:ann")
