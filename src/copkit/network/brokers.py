"""Knowledge brokers: people who bridge communities.

The measure is betweenness centrality on the membership graph: one node per
person and per community, an edge where the person is a member or lead. A person in
one community lies on no shortest path; a person who is the only link between two
communities lies on many.

No shortest path leaves a connected component, so the betweenness of the whole graph is
the sum of each component's, rescaled to the whole graph's number of pairs: it is
computed one component at a time, which costs the sum of the squared component sizes
instead of the square of the graph's size (a large organisation splits into hundreds of
small components: most people belong to one community). A component of more than
:data:`EXACT_LIMIT` nodes is estimated from :data:`SAMPLES` source nodes drawn in it with
a fixed seed (same repository, same answer), and the result says so. The searches run
on sparse matrices, many sources at once (:mod:`copkit.network.betweenness`).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from copkit.network.betweenness import dependencies
from copkit.network.graph import node_id

EXACT_LIMIT = 500
"""Largest connected component of the membership graph (people + communities) measured
exactly; a larger one is sampled."""
SAMPLES = 256
"""Source nodes sampled in a component larger than :data:`EXACT_LIMIT`."""
_BELONGS = ("member", "lead")
SEED = 7


@dataclass(frozen=True)
class Broker:
    """A person ranked by how much they bridge communities."""

    person: str
    name: str
    betweenness: float
    communities: tuple[str, ...]

    def reason(self) -> str:
        return f"links {len(self.communities)} communities: {', '.join(self.communities)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "name": self.name,
            "betweenness": round(self.betweenness, 6),
            "communities": list(self.communities),
            "reason": self.reason(),
        }


@dataclass(frozen=True)
class BrokerReport:
    """The top brokers and how they were measured."""

    method: str
    """``exact`` or ``approximate``."""
    samples: int | None
    seed: int | None
    nodes: int
    brokers: tuple[Broker, ...]
    exact_limit: int | None = None
    """When sampled: components above this many nodes were (not in the JSON form)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "samples": self.samples,
            "seed": self.seed,
            "nodes": self.nodes,
            "brokers": [broker.to_dict() for broker in self.brokers],
        }


def membership_graph(graph: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """People and communities (not closed ones), joined where a person belongs."""
    projection: nx.Graph[str] = nx.Graph()
    communities = sorted(
        name
        for name, data in graph.nodes(data=True)
        if data["kind"] == "community" and data["stage"] != "closed"
    )
    for community in communities:
        people = sorted(
            {source for source, _, r in graph.in_edges(community, keys=True) if r in _BELONGS}
        )
        projection.add_edges_from((person, community) for person in people)
    return projection


def find_brokers(graph: nx.MultiDiGraph[str], *, limit: int = 20) -> BrokerReport:
    """The ``limit`` people with the highest betweenness above zero, highest first."""
    projection = membership_graph(graph)
    size = projection.number_of_nodes()
    centrality, sampled = _betweenness(projection)
    communities: dict[str, list[str]] = defaultdict(list)
    for person, community in projection.edges():
        if graph.nodes[person]["kind"] != "person":
            person, community = community, person
        communities[person].append(node_id(community))
    ranked = sorted(
        (
            (round(value, 9), person)
            for person, value in centrality.items()
            if value > 0 and graph.nodes[person]["kind"] == "person"
        ),
        key=lambda item: (-item[0], item[1]),
    )[: max(limit, 0)]
    brokers = tuple(
        Broker(
            person=node_id(person),
            name=graph.nodes[person]["name"],
            betweenness=value,
            communities=tuple(sorted(communities[person])),
        )
        for value, person in ranked
    )
    return BrokerReport(
        method="approximate" if sampled else "exact",
        samples=SAMPLES if sampled else None,
        seed=SEED if sampled else None,
        nodes=size,
        brokers=brokers,
        exact_limit=EXACT_LIMIT if sampled else None,
    )


def _betweenness(projection: nx.Graph[str]) -> tuple[dict[str, float], bool]:
    """Normalised betweenness of every node of ``projection``, one component at a time,
    and whether some component was sampled.

    Each component's betweenness is normalised by its own ``(m - 1)(m - 2)`` ordered
    pairs of other nodes, as networkx's ``betweenness_centrality`` does; multiplying back
    and dividing by the whole graph's ``(n - 1)(n - 2)`` gives exactly the whole graph's
    (each component's pairs are the only ones with paths through its nodes). A sampled
    component is scaled as networkx 3.6 does it: a sampled source is counted over the
    other ``k - 1`` sources, any other node over all ``k``.
    """
    names = sorted(projection)
    size = len(names)
    centrality = dict.fromkeys(names, 0.0)
    if size < 3:
        return centrality, False
    position = {name: index for index, name in enumerate(names)}
    edges = np.array(
        [(position[u], position[v]) for u, v in projection.edges()], dtype=np.intp
    ).reshape(-1, 2)
    rows = np.concatenate([edges[:, 0], edges[:, 1]])
    cols = np.concatenate([edges[:, 1], edges[:, 0]])
    adjacency = sp.csr_array(
        (np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(size, size)
    )
    count, labels = connected_components(adjacency, directed=False)
    members: list[list[int]] = [[] for _ in range(count)]
    for node, label in enumerate(labels.tolist()):
        members[label].append(node)
    sampled = False
    whole = (size - 1) * (size - 2)
    for nodes in sorted(members, key=lambda found: names[found[0]]):
        m = len(nodes)
        if m < 3:  # no node lies between two others
            continue
        component = _submatrix(adjacency, nodes)
        sample = m > EXACT_LIMIT
        sampled = sampled or sample
        if sample:
            k = min(SAMPLES, m)
            chosen = random.Random(SEED).sample(range(m), k)
            values = dependencies(component, chosen)
            scale = np.full(m, 1.0 / (k * (m - 2)))
            scale[chosen] = 1.0 / ((k - 1) * (m - 2)) if k > 1 else math.nan
            values = values * scale
        else:
            values = dependencies(component, range(m)) / ((m - 1) * (m - 2))
        factor = (m - 1) * (m - 2) / whole
        for node, value in zip(nodes, values.tolist(), strict=True):
            centrality[names[node]] = value * factor
    return centrality, sampled


def _submatrix(adjacency: sp.csr_array, nodes: list[int]) -> sp.csr_array:
    """The rows and columns ``nodes`` (sorted) of ``adjacency``."""
    index = np.asarray(nodes, dtype=np.intp)
    rows: Any = adjacency[index]
    return sp.csr_array(rows[:, index])
