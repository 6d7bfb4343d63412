"""What a community is about, read from the graph: the skills it needs and its tags.

Shared by gaps (skills a community needs), invitations (whom its domain would interest)
and suggested communities (skills and interests no community covers).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from copkit.network.graph import node_id


@dataclass
class CommunityTopics:
    """One community's needed skills (with who calls for them), tags and people."""

    community: str
    name: str
    stage: str
    skills: dict[str, list[str]] = field(default_factory=dict)
    """Skill id -> what calls for it: practice ids, and ``"charter"``."""
    tags: set[str] = field(default_factory=set)
    """Domain tags and the tags of its practices."""
    domain: set[str] = field(default_factory=set)
    """Domain tags only."""
    people: set[str] = field(default_factory=set)
    """Members and leads (person ids)."""
    practices: list[str] = field(default_factory=list)


def community_topics(graph: nx.MultiDiGraph[str]) -> dict[str, CommunityTopics]:
    """Community id -> its topics, for every community, in id order.

    Reads only the edges around community and practice nodes, so it stays quick on an
    organisation of tens of thousands of people.
    """
    result: dict[str, CommunityTopics] = {}
    communities = sorted(
        name for name, data in graph.nodes(data=True) if data["kind"] == "community"
    )
    for name in communities:
        data = graph.nodes[name]
        topics = CommunityTopics(data["id"], data["name"], data["stage"])
        needs: dict[str, set[str]] = defaultdict(set)
        for source, _, relation in graph.in_edges(name, keys=True):
            if relation in ("member", "lead"):
                topics.people.add(node_id(source))
            elif relation == "practice_of":
                topics.practices.append(node_id(source))
                for _, about, kind in graph.out_edges(source, keys=True):
                    if kind == "requires":
                        needs[node_id(about)].add(node_id(source))
                    elif kind == "tagged":
                        topics.tags.add(node_id(about))
        for _, target, relation in graph.out_edges(name, keys=True):
            if relation == "calls_for":
                needs[node_id(target)].add("charter")
            elif relation == "domain":
                topics.tags.add(node_id(target))
                topics.domain.add(node_id(target))
        topics.practices.sort()
        topics.skills = {skill: sorted(needs[skill]) for skill in sorted(needs)}
        result[topics.community] = topics
    return result


def people_of(graph: nx.MultiDiGraph[str]) -> list[str]:
    """The person nodes, sorted: reading only their edges skips the practices' many."""
    return sorted(name for name, data in graph.nodes(data=True) if data["kind"] == "person")


def skill_levels(graph: nx.MultiDiGraph[str]) -> dict[str, dict[str, str]]:
    """Skill id -> person id -> declared level."""
    result: dict[str, dict[str, str]] = defaultdict(dict)
    for source, target, relation, data in graph.out_edges(people_of(graph), keys=True, data=True):
        if relation == "skill":
            result[node_id(target)][node_id(source)] = data["level"]
    return result
