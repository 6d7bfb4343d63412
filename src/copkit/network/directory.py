"""The people and expertise directory for the site: profiles, and who to ask per skill.

The site keeps every profile and skill page while it renders, so they are slotted
objects of tuples, with each id one shared string: at 100,000 entities their ``to_dict``
form was some 250 MB.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

import networkx as nx

from copkit.model.person import SKILL_LEVELS
from copkit.network.experts import ROLE_ORDER
from copkit.network.graph import node_id


class Membership(NamedTuple):
    """A community a person is in, and how: ``lead`` or the member level."""

    community: str
    role: str


class PracticeRoles(NamedTuple):
    """A practice a person works on, and their roles: owner, approver, reviewer, author."""

    practice: str
    roles: tuple[str, ...]


def _id(graph_node: str) -> str:
    """The entity id of a node, one string however many profiles and pages name it."""
    return sys.intern(node_id(graph_node))


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """One person: their skills, communities and practices, as the directory lists them."""

    person: str
    name: str
    unit: str
    skills: tuple[tuple[str, str], ...]
    """(skill id, level), strongest first."""
    mentors: tuple[str, ...]
    learning: tuple[str, ...]
    interests: tuple[str, ...]
    communities: tuple[Membership, ...]
    practices: tuple[PracticeRoles, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "name": self.name,
            "unit": self.unit,
            "skills": [{"skill": skill, "level": level} for skill, level in self.skills],
            "mentors": list(self.mentors),
            "learning": list(self.learning),
            "interests": list(self.interests),
            "communities": [{"community": c, "role": role} for c, role in self.communities],
            "practices": [{"practice": p, "roles": list(roles)} for p, roles in self.practices],
        }


@dataclass(frozen=True, slots=True)
class SkillHolder:
    """Someone to ask about a skill."""

    person: str
    name: str
    level: str
    mentors: bool
    """They offer to mentor the skill."""
    practices: tuple[str, ...]
    """Practices needing the skill that they own, approve, review or changed."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "name": self.name,
            "level": self.level,
            "mentors": self.mentors,
            "practices": list(self.practices),
        }


@dataclass(frozen=True, slots=True)
class SkillPage:
    """Who to ask about one skill: holders from the highest level down."""

    skill: str
    label: str
    description: str
    holders: tuple[SkillHolder, ...]
    learners: tuple[str, ...]
    practices: tuple[str, ...]
    """Practices that need the skill."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "label": self.label,
            "description": self.description,
            "holders": [holder.to_dict() for holder in self.holders],
            "learners": list(self.learners),
            "practices": list(self.practices),
        }


def people_directory(graph: nx.MultiDiGraph[str]) -> tuple[PersonProfile, ...]:
    """Every person's profile, in id order."""
    profiles: list[PersonProfile] = []
    for name in sorted(graph.nodes):
        data = graph.nodes[name]
        if data["kind"] != "person":
            continue
        skills: list[tuple[str, str]] = []
        lists: dict[str, list[str]] = defaultdict(list)
        communities: dict[str, str] = {}
        practices: dict[str, list[str]] = defaultdict(list)
        for _, target, relation, edge in graph.out_edges(name, keys=True, data=True):
            if relation == "skill":
                skills.append((_id(target), edge["level"]))
            elif relation in ("mentors", "learning", "interest"):
                lists[relation].append(_id(target))
            elif relation == "lead":
                communities[_id(target)] = "lead"
            elif relation == "member":
                communities.setdefault(_id(target), edge["level"])
            elif relation in ROLE_ORDER:
                practices[_id(target)].append(relation)
        skills.sort(key=lambda item: (-SKILL_LEVELS.index(item[1]), item[0]))
        profiles.append(
            PersonProfile(
                person=data["id"],
                name=data["name"],
                unit=data["unit"],
                skills=tuple(skills),
                mentors=tuple(sorted(lists["mentors"])),
                learning=tuple(sorted(lists["learning"])),
                interests=tuple(sorted(lists["interest"])),
                communities=tuple(Membership(*item) for item in sorted(communities.items())),
                practices=tuple(
                    PracticeRoles(practice, tuple(sorted(roles, key=ROLE_ORDER.index)))
                    for practice, roles in sorted(practices.items())
                ),
            )
        )
    return tuple(profiles)


def skill_directory(graph: nx.MultiDiGraph[str]) -> tuple[SkillPage, ...]:
    """One "who to ask" page per skill, in id order.

    Holders are ordered by level (expert first), then by how many practices needing the
    skill they own, approve, review or changed, then by id.
    """
    needing: dict[str, list[str]] = defaultdict(list)
    for source, target, relation in graph.edges(keys=True):
        if relation == "requires":
            needing[target].append(source)
    pages: list[SkillPage] = []
    for name in sorted(graph.nodes):
        data = graph.nodes[name]
        if data["kind"] != "skill":
            continue
        practice_set = set(needing[name])
        mentors = {s for s, _, r in graph.in_edges(name, keys=True) if r == "mentors"}
        learners = sorted(_id(s) for s, _, r in graph.in_edges(name, keys=True) if r == "learning")
        holders: list[SkillHolder] = []
        for person, _, relation, edge in graph.in_edges(name, keys=True, data=True):
            if relation != "skill":
                continue
            involved = sorted(
                {
                    _id(t)
                    for _, t, r in graph.out_edges(person, keys=True)
                    if t in practice_set and r in ROLE_ORDER
                }
            )
            holders.append(
                SkillHolder(
                    person=_id(person),
                    name=graph.nodes[person]["name"],
                    level=edge["level"],
                    mentors=person in mentors,
                    practices=tuple(involved),
                )
            )
        holders.sort(key=lambda h: (-SKILL_LEVELS.index(h.level), -len(h.practices), h.person))
        pages.append(
            SkillPage(
                skill=data["id"],
                label=data["label"],
                description=data["description"],
                holders=tuple(holders),
                learners=tuple(learners),
                practices=tuple(sorted(_id(p) for p in practice_set)),
            )
        )
    return tuple(pages)
