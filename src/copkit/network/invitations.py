"""Whom to invite: people outside a community whose skills and interests match its domain.

For each open community, a person who is neither member nor lead scores 1 for each of
their interests among the community's domain tags, and the level weight (novice 0.25 ..
expert 1.0) of each skill they hold that the community needs or that has the id of one of
its domain tags. The :data:`LIMIT` best with a score of at least :data:`MIN_SCORE` are
proposed, each with what matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse

from copkit.network.graph import node, node_id
from copkit.network.topics import CommunityTopics, community_topics, people_of

LIMIT = 5
MIN_SCORE = 1.0


@dataclass(frozen=True)
class Invitation:
    """A person worth inviting to a community, and why."""

    person: str
    score: float
    skills: tuple[str, ...]
    interests: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "score": round(self.score, 4),
            "skills": list(self.skills),
            "interests": list(self.interests),
        }


@dataclass(frozen=True)
class CommunityInvitations:
    """The people to invite into one community."""

    community: str
    name: str
    invitations: tuple[Invitation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "name": self.name,
            "invitations": [item.to_dict() for item in self.invitations],
        }


def find_invitations(
    graph: nx.MultiDiGraph[str],
    *,
    limit: int = LIMIT,
    topics: dict[str, CommunityTopics] | None = None,
) -> tuple[CommunityInvitations, ...]:
    """For each open community with anyone to invite, the best people outside it."""
    topics_of = community_topics(graph) if topics is None else topics
    people = people_of(graph)
    terms = sorted(
        name for name, data in graph.nodes(data=True) if data["kind"] in ("skill", "tag")
    )
    row_of = {name: row for row, name in enumerate(people)}
    col_of = {name: col for col, name in enumerate(terms)}
    entries: dict[tuple[int, int], float] = {}
    for source, target, relation, data in graph.out_edges(people, keys=True, data=True):
        if relation in ("skill", "interest"):
            entries[(row_of[source], col_of[target])] = float(data["weight"])
    keys = sorted(entries)
    held = sparse.csr_array(
        ([entries[key] for key in keys], ([k[0] for k in keys], [k[1] for k in keys])),
        shape=(len(people), len(terms)),
    )
    result: list[CommunityInvitations] = []
    for community in topics_of.values():
        if community.stage == "closed":
            continue
        wanted = {node("tag", tag) for tag in community.domain}
        wanted.update(node("skill", skill) for skill in community.skills)
        wanted.update(node("skill", tag) for tag in community.domain)
        columns = sorted(col_of[topic] for topic in wanted if topic in col_of)
        if not columns or not people:
            continue
        mask = np.zeros(len(terms))
        mask[columns] = 1.0
        product: npt.NDArray[np.float64] = np.asarray(held @ mask, dtype=np.float64)
        scores = product.round(9)
        for person in community.people:
            scores[row_of[node("person", person)]] = 0.0
        candidates = np.flatnonzero(scores >= MIN_SCORE)
        order = candidates[np.lexsort((candidates, -scores[candidates]))][: max(limit, 0)]
        invitations: list[Invitation] = []
        for row in order.tolist():
            start, end = int(held.indptr[row]), int(held.indptr[row + 1])
            matched = [terms[int(col)] for col in held.indices[start:end] if mask[int(col)]]
            invitations.append(
                Invitation(
                    person=node_id(people[row]),
                    score=float(scores[row]),
                    skills=tuple(sorted(node_id(t) for t in matched if t.startswith("skill:"))),
                    interests=tuple(sorted(node_id(t) for t in matched if t.startswith("tag:"))),
                )
            )
        if invitations:
            result.append(
                CommunityInvitations(community.community, community.name, tuple(invitations))
            )
    return tuple(result)
