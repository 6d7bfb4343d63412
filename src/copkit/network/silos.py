"""Silo communities: open communities that share no member and no practice with any other.

Two communities share a member when one person is a member or lead of both; they share a
practice when a practice of one supersedes a practice of the other. Closed communities
are left out (they are not expected to connect).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from copkit.network.graph import node
from copkit.network.topics import CommunityTopics, community_topics


@dataclass(frozen=True)
class Silo:
    """A community with no link to any other."""

    community: str
    name: str
    members: int
    practices: int

    def reason(self) -> str:
        return (
            f"none of its {self.members} members belongs to another community and none of "
            f"its {self.practices} practices supersedes or is superseded by another's"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "name": self.name,
            "members": self.members,
            "practices": self.practices,
            "reason": self.reason(),
        }


def find_silos(
    graph: nx.MultiDiGraph[str], *, topics: dict[str, CommunityTopics] | None = None
) -> tuple[Silo, ...]:
    """Open communities without shared members or practices, in id order."""
    topics = community_topics(graph) if topics is None else topics
    open_ids = {key for key, item in topics.items() if item.stage != "closed"}
    belongs: dict[str, set[str]] = defaultdict(set)
    for community in open_ids:
        for person in topics[community].people:
            belongs[person].add(community)
    linked: set[str] = set()
    for communities in belongs.values():
        if len(communities) > 1:
            linked.update(communities)
    practices = [node("practice", p) for key in sorted(topics) for p in topics[key].practices]
    for source, target, relation in graph.out_edges(practices, keys=True):
        if relation == "supersedes":
            first = graph.nodes[source]["community"]
            second = graph.nodes[target]["community"]
            if first != second and first in open_ids and second in open_ids:
                linked.update((first, second))
    return tuple(
        Silo(key, topics[key].name, len(topics[key].people), len(topics[key].practices))
        for key in sorted(open_ids - linked)
    )
