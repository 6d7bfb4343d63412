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
    """Community id -> its topics, for every community, in id order."""
    result: dict[str, CommunityTopics] = {}
    for name in sorted(graph.nodes):
        data = graph.nodes[name]
        if data.get("kind") == "community":
            result[data["id"]] = CommunityTopics(data["id"], data["name"], data["stage"])
    needs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for source, target, relation in sorted(graph.edges(keys=True)):
        if relation == "practice_of":
            community = result[node_id(target)]
            community.practices.append(node_id(source))
            for _, about, kind in graph.out_edges(source, keys=True):
                if kind == "requires":
                    needs[community.community][node_id(about)].append(node_id(source))
                elif kind == "tagged":
                    community.tags.add(node_id(about))
        elif relation == "calls_for":
            needs[node_id(source)][node_id(target)].append("charter")
        elif relation == "domain":
            result[node_id(source)].tags.add(node_id(target))
            result[node_id(source)].domain.add(node_id(target))
        elif relation in ("member", "lead"):
            result[node_id(target)].people.add(node_id(source))
    for community_id, skills in needs.items():
        result[community_id].skills = {
            skill: sorted(set(callers)) for skill, callers in sorted(skills.items())
        }
    return result


def skill_levels(graph: nx.MultiDiGraph[str]) -> dict[str, dict[str, str]]:
    """Skill id -> person id -> declared level."""
    result: dict[str, dict[str, str]] = defaultdict(dict)
    for source, target, relation, data in graph.edges(keys=True, data=True):
        if relation == "skill":
            result[node_id(target)][node_id(source)] = data["level"]
    return result
