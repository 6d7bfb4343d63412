"""Suggested communities: clusters of shared skills and interests that no community covers.

A skill is *covered* when an open community needs it (its practices or charter) or has
a tag of the same id; a tag is covered when it is an open community's domain tag or tags
one of its practices. From everyone's uncovered skills (at any level) and interests, the
topics held by two or more people are clustered: topics are joined when two or more people
hold both, and networkx's Louvain method (fixed seed) splits that graph into clusters. A
cluster becomes a suggestion when at least :data:`MIN_PEOPLE` people hold two of its
topics (or its one topic); the suggestion names them and the topics at least two of them
share.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from copkit.network.graph import node, node_id
from copkit.network.topics import CommunityTopics, community_topics, people_of

MIN_PEOPLE = 3
SEED = 7


@dataclass(frozen=True)
class SuggestedCommunity:
    """People who share skills or interests that no community covers."""

    people: tuple[str, ...]
    skills: tuple[str, ...]
    """Defining skills: uncovered skills at least two of the people hold."""
    interests: tuple[str, ...]
    """Defining interests (tags) shared the same way."""

    def reason(self) -> str:
        # A skill and a tag may share an id (causal-inference); name the topic once.
        topics = list(dict.fromkeys([*self.skills, *self.interests]))
        return (
            f"{len(self.people)} people share {', '.join(topics)}, which no open community covers"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": list(self.people),
            "skills": list(self.skills),
            "interests": list(self.interests),
            "reason": self.reason(),
        }


def covered_topics(
    graph: nx.MultiDiGraph[str], *, topics: dict[str, CommunityTopics] | None = None
) -> set[str]:
    """Skill and tag nodes that some open community covers."""
    covered: set[str] = set()
    topics = community_topics(graph) if topics is None else topics
    for community in topics.values():
        if community.stage == "closed":
            continue
        covered.update(node("skill", skill) for skill in community.skills)
        covered.update(node("tag", tag) for tag in community.tags)
        covered.update(node("skill", tag) for tag in community.tags)
    return covered


def suggest_communities(
    graph: nx.MultiDiGraph[str],
    *,
    min_people: int = MIN_PEOPLE,
    topics: dict[str, CommunityTopics] | None = None,
) -> tuple[SuggestedCommunity, ...]:
    """Suggested new communities, the largest first."""
    covered = covered_topics(graph, topics=topics)
    topics_of: dict[str, set[str]] = defaultdict(set)
    for source, target, relation in graph.out_edges(people_of(graph), keys=True):
        if relation in ("skill", "interest") and target not in covered:
            topics_of[source].add(target)
    holders: dict[str, set[str]] = defaultdict(set)
    for person, held in topics_of.items():
        for topic in held:
            holders[topic].add(person)
    shared = {topic for topic, people in holders.items() if len(people) >= 2}
    together: Counter[tuple[str, str]] = Counter()
    for held in topics_of.values():
        together.update(combinations(sorted(held & shared), 2))
    clusters_graph: nx.Graph[str] = nx.Graph()
    clusters_graph.add_nodes_from(sorted(shared))
    clusters_graph.add_weighted_edges_from(
        (first, second, count) for (first, second), count in sorted(together.items()) if count >= 2
    )
    clusters = nx.community.louvain_communities(clusters_graph, weight="weight", seed=SEED)
    suggestions: list[SuggestedCommunity] = []
    for cluster in clusters:
        need = min(2, len(cluster))
        people = sorted(person for person, held in topics_of.items() if len(held & cluster) >= need)
        if len(people) < min_people:
            continue
        counts = {topic: len(holders[topic].intersection(people)) for topic in cluster}
        defining = sorted(
            (topic for topic, count in counts.items() if count >= 2),
            key=lambda topic: (-counts[topic], topic),
        )
        suggestions.append(
            SuggestedCommunity(
                people=tuple(node_id(person) for person in people),
                skills=tuple(node_id(t) for t in defining if graph.nodes[t]["kind"] == "skill"),
                interests=tuple(node_id(t) for t in defining if graph.nodes[t]["kind"] == "tag"),
            )
        )
    suggestions.sort(key=lambda item: (-len(item.people), item.skills, item.interests))
    return tuple(suggestions)
