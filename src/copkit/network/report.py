"""What ``copkit network`` reports, in one object: brokers, silos, suggestions, invitations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from copkit.network.brokers import BrokerReport, find_brokers
from copkit.network.invitations import CommunityInvitations, find_invitations
from copkit.network.silos import Silo, find_silos
from copkit.network.suggestions import SuggestedCommunity, suggest_communities
from copkit.network.topics import community_topics


@dataclass(frozen=True)
class NetworkReport:
    """The shape of the organisation's network."""

    people: int
    communities: int
    brokers: BrokerReport
    silos: tuple[Silo, ...]
    suggestions: tuple[SuggestedCommunity, ...]
    invitations: tuple[CommunityInvitations, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "people": self.people,
            "communities": self.communities,
            "brokers": self.brokers.to_dict(),
            "silos": [silo.to_dict() for silo in self.silos],
            "suggested_communities": [item.to_dict() for item in self.suggestions],
            "invitations": [item.to_dict() for item in self.invitations],
        }


def network_report(graph: nx.MultiDiGraph[str], *, brokers: int = 20) -> NetworkReport:
    """Brokers (the ``brokers`` best), silos, suggested communities and invitations."""
    kinds = [str(data["kind"]) for _, data in graph.nodes(data=True)]
    topics = community_topics(graph)
    return NetworkReport(
        people=kinds.count("person"),
        communities=kinds.count("community"),
        brokers=find_brokers(graph, limit=brokers),
        silos=find_silos(graph, topics=topics),
        suggestions=suggest_communities(graph, topics=topics),
        invitations=find_invitations(graph, topics=topics),
    )
