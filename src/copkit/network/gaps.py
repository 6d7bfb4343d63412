"""Knowledge gaps: skills a community needs that too few of its people hold, and skills
only one person in the organisation holds (knowledge at risk).

A community *needs* a skill when one of its practices lists it under ``skills`` or its
charter's mission or scope names it (by label or id). A person *holds* a skill when they
declare it at working level or above. Closed communities are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from copkit.model.person import SKILL_LEVELS
from copkit.network.topics import community_topics, skill_levels

HOLDING_LEVELS = frozenset(SKILL_LEVELS[SKILL_LEVELS.index("working") :])


@dataclass(frozen=True)
class SkillGap:
    """A skill a community needs, and the members who hold it (fewer than required)."""

    skill: str
    label: str
    holders: tuple[str, ...]
    needed_by: tuple[str, ...]
    """Practice ids that need the skill, and ``"charter"`` when the charter names it."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "label": self.label,
            "holders": list(self.holders),
            "needed_by": list(self.needed_by),
        }


@dataclass(frozen=True)
class CommunityGaps:
    """The gaps of one community."""

    community: str
    name: str
    members: int
    gaps: tuple[SkillGap, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "community": self.community,
            "name": self.name,
            "members": self.members,
            "gaps": [gap.to_dict() for gap in self.gaps],
        }


@dataclass(frozen=True)
class SingleHolder:
    """A skill only one person holds at working level or above."""

    skill: str
    label: str
    person: str
    level: str
    needed_by: tuple[str, ...]
    """Communities that need the skill."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "label": self.label,
            "person": self.person,
            "level": self.level,
            "needed_by": list(self.needed_by),
        }


@dataclass(frozen=True)
class GapReport:
    """Gaps per community (only communities with gaps) and single-holder skills."""

    min_holders: int
    communities: tuple[CommunityGaps, ...]
    single_holders: tuple[SingleHolder, ...]

    def for_community(self, community: str) -> CommunityGaps | None:
        """The gaps of one community, for its page; None when it has none."""
        return next((item for item in self.communities if item.community == community), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_holders": self.min_holders,
            "communities": [item.to_dict() for item in self.communities],
            "single_holders": [item.to_dict() for item in self.single_holders],
        }


def find_gaps(graph: nx.MultiDiGraph[str], *, min_holders: int = 2) -> GapReport:
    """Skills needed by each open community that fewer than ``min_holders`` members hold."""
    if min_holders < 1:
        raise ValueError("min_holders must be at least 1")
    labels = {
        data["id"]: data["label"] for _, data in graph.nodes(data=True) if data["kind"] == "skill"
    }
    levels = skill_levels(graph)
    holders_of = {
        skill: {person for person, level in people.items() if level in HOLDING_LEVELS}
        for skill, people in levels.items()
    }
    topics = community_topics(graph)
    communities: list[CommunityGaps] = []
    needed_in: dict[str, list[str]] = {}
    for community in topics.values():
        if community.stage == "closed":
            continue
        gaps: list[SkillGap] = []
        for skill, callers in community.skills.items():
            needed_in.setdefault(skill, []).append(community.community)
            holders = sorted(holders_of.get(skill, set()) & community.people)
            if len(holders) < min_holders:
                gaps.append(SkillGap(skill, labels[skill], tuple(holders), tuple(callers)))
        if gaps:
            communities.append(
                CommunityGaps(
                    community.community, community.name, len(community.people), tuple(gaps)
                )
            )
    single = tuple(
        SingleHolder(
            skill,
            labels[skill],
            person,
            levels[skill][person],
            tuple(needed_in.get(skill, ())),
        )
        for skill, holders in sorted(holders_of.items())
        if len(holders) == 1
        for person in holders
    )
    return GapReport(min_holders, tuple(communities), single)
