"""The expertise graph: people, communities, practices, skills and tags, and how they connect.

Nodes are strings ``"<kind>:<id>"`` (see :func:`node`) with a ``kind`` attribute and the
text the questions need (names, titles, labels). Edges go from the actor to the thing
(person -> community, person -> practice, practice -> skill, ...); the graph is a
:class:`networkx.MultiDiGraph` keyed by relation, so a person can both own and have
changed the same practice. Every edge has a ``weight``:

| relation | from -> to | weight |
| --- | --- | --- |
| ``member`` | person -> community | core 1.0, active 0.6, peripheral 0.3 (``level``) |
| ``lead`` | person -> community | 1.0 (``role``) |
| ``sponsor`` | person -> community | 0.5 |
| ``owner`` / ``approver`` / ``reviewer`` | person -> practice | 1.0 / 0.5 / 0.25 |
| ``author`` | person -> practice | recency-weighted commits (``commits``, ``last``) |
| ``skill`` | person -> skill | novice 0.25, working 0.5, proficient 0.75, expert 1.0 |
| ``mentors`` / ``learning`` | person -> skill | 1.0 (what they offer / seek) |
| ``interest`` | person -> tag | 1.0 |
| ``practice_of`` | practice -> community | 1.0 |
| ``requires`` / ``tagged`` | practice -> skill / tag | 1.0 |
| ``domain`` | community -> tag | 1.0 |
| ``calls_for`` | community -> skill | 1.0, a skill its charter names |
| ``related`` | community -> community | 1.0 |
| ``supersedes`` | practice -> practice | 1.0 |

A git commit that touches a practice's file counts for the person whose e-mail authored
it with weight ``0.5 ** (age_days / 180)``, age measured from the newest commit in the
history (never the wall clock, so the same commit gives the same graph). Questions that do
not read authorship (mentors, gaps, the network report) pass no history and skip reading
it, the slowest part of building the graph of a large organisation.

Edges with equal attributes share one attribute dict (:mod:`copkit.network.edges`), which
halves the graph's memory; the graph :func:`build_graph` returns is therefore frozen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import networkx as nx

from copkit.history import History
from copkit.model.person import SKILL_LEVELS
from copkit.network.edges import SharedEdges
from copkit.repository import Repository

PARTICIPATION_WEIGHTS: dict[str, float] = {"core": 1.0, "active": 0.6, "peripheral": 0.3}
SKILL_WEIGHTS: dict[str, float] = {
    "novice": 0.25,
    "working": 0.5,
    "proficient": 0.75,
    "expert": 1.0,
}
PRACTICE_ROLE_WEIGHTS: dict[str, float] = {"owner": 1.0, "approver": 0.5, "reviewer": 0.25}
HALF_LIFE_DAYS = 180.0
"""A commit's weight halves every this many days before the newest commit."""

assert tuple(SKILL_WEIGHTS) == SKILL_LEVELS


def node(kind: str, entity_id: str) -> str:
    """The graph node of an entity or term: ``node("person", "ada") == "person:ada"``."""
    return f"{kind}:{entity_id}"


def node_id(graph_node: str) -> str:
    """The entity id of a node: ``node_id("person:ada") == "ada"``."""
    return graph_node.partition(":")[2]


NOT_READ = "not read: authorship was not asked for"
"""The ``reason`` in ``graph.graph["history"]`` of a graph built without history."""


def build_graph(repository: Repository, history: History | None) -> nx.MultiDiGraph[str]:
    """The expertise graph of a resolved repository and the git history of its data folder.

    ``graph.graph["history"]`` says whether authorship could be read (``available``,
    ``complete``, ``reason``) and ``as_of``, the newest commit's time used for recency.
    With ``history=None`` the graph has no ``author`` edges and says so (reason
    :data:`NOT_READ`).
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    if history is None:
        as_of = None
        graph.graph["history"] = {
            "available": False,
            "complete": False,
            "reason": NOT_READ,
            "as_of": None,
        }
    else:
        as_of = history.commits[-1].time if history.available and history.commits else None
        graph.graph["history"] = {
            "available": history.available,
            "complete": history.complete,
            "reason": history.reason,
            "as_of": as_of.isoformat() if as_of else None,
        }
    descriptions = {
        term.id: term.description or ""
        for taxonomy in repository.taxonomies.values()
        for term in taxonomy.skills
    }
    tag_descriptions = {
        term.id: term.description or ""
        for taxonomy in repository.taxonomies.values()
        for term in taxonomy.tags
    }
    for skill_id, label in sorted(repository.skills.items()):
        graph.add_node(
            node("skill", skill_id),
            kind="skill",
            id=skill_id,
            label=label,
            description=descriptions.get(skill_id, ""),
        )
    for tag_id, label in sorted(repository.tags.items()):
        graph.add_node(
            node("tag", tag_id),
            kind="tag",
            id=tag_id,
            label=label,
            description=tag_descriptions.get(tag_id, ""),
        )

    edges = SharedEdges(graph)

    def edge(source: str, target: str, relation: str, weight: float = 1.0, **data: object) -> None:
        # References are resolved, but a repository with errors may still be analysed:
        # an edge to a missing node would create an untyped node, so it is dropped.
        if target in graph and source in graph:
            edges.add(source, target, relation, {"relation": relation, "weight": weight, **data})

    for person in repository.people.values():
        graph.add_node(
            node("person", person.id),
            kind="person",
            id=person.id,
            name=person.name,
            unit=person.unit or "",
            title=person.title or "",
        )
    for community in repository.communities.values():
        graph.add_node(
            node("community", community.id),
            kind="community",
            id=community.id,
            name=community.name,
            summary=community.summary,
            stage=community.stage,
        )
    for practice in repository.practices.values():
        graph.add_node(
            node("practice", practice.id),
            kind="practice",
            id=practice.id,
            title=practice.title,
            summary=practice.summary,
            status=practice.status,
            community=practice.community,
            path=repository.path_of(practice),
        )

    for person in repository.people.values():
        source = node("person", person.id)
        for held in person.skills:
            edge(
                source,
                node("skill", held.skill),
                "skill",
                SKILL_WEIGHTS[held.level],
                level=held.level,
            )
        for skill_id in person.mentors:
            edge(source, node("skill", skill_id), "mentors")
        for skill_id in person.learning:
            edge(source, node("skill", skill_id), "learning")
        for tag_id in person.interests:
            edge(source, node("tag", tag_id), "interest")

    skill_patterns = {
        skill_id: re.compile(
            rf"(?<![\w-])(?:{re.escape(label.lower())}|{re.escape(skill_id)})(?![\w-])"
        )
        for skill_id, label in repository.skills.items()
    }
    for community in repository.communities.values():
        target = node("community", community.id)
        for member in community.members:
            edge(
                node("person", member.person),
                target,
                "member",
                PARTICIPATION_WEIGHTS[member.level],
                level=member.level,
            )
        for lead in community.leads:
            edge(node("person", lead.person), target, "lead", role=lead.role)
        if community.sponsor:
            edge(node("person", community.sponsor), target, "sponsor", 0.5)
        for tag_id in community.domain:
            edge(target, node("tag", tag_id), "domain")
        for related in community.related:
            edge(target, node("community", related), "related")
        charter = repository.charter_of.get(community.id)
        if charter is not None:
            text = " ".join([charter.mission, *charter.in_scope]).lower()
            for skill_id in sorted(skill_patterns):
                if skill_patterns[skill_id].search(text):
                    edge(target, node("skill", skill_id), "calls_for", charter=charter.id)

    for practice in repository.practices.values():
        source = node("practice", practice.id)
        edge(source, node("community", practice.community), "practice_of")
        for skill_id in practice.skills:
            edge(source, node("skill", skill_id), "requires")
        for tag_id in practice.tags:
            edge(source, node("tag", tag_id), "tagged")
        for older in practice.supersedes:
            edge(source, node("practice", older), "supersedes")
        roles = (
            ("owner", practice.owners),
            ("approver", [approval.person for approval in practice.approvals]),
            ("reviewer", practice.reviewers),
        )
        for role, people in roles:
            for person_id in dict.fromkeys(people):
                edge(node("person", person_id), source, role, PRACTICE_ROLE_WEIGHTS[role])

    if history is not None and as_of is not None:
        _add_authorship(edges, repository, history, as_of)
    return edges.done()


def _add_authorship(
    edges: SharedEdges, repository: Repository, history: History, as_of: dt.datetime
) -> None:
    graph = edges.graph
    days: dict[dt.date, str] = {}
    commits_by_path = history.commits_by_path
    for practice in repository.practices.values():
        commits = commits_by_path.get(repository.path_of(practice), ())
        counts: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = defaultdict(float)
        last: dict[str, dt.datetime] = {}
        for commit in commits:
            if commit.person is None:
                continue
            age_days = (as_of - commit.time).total_seconds() / 86_400
            counts[commit.person] += 1
            weights[commit.person] += 0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS)
            last[commit.person] = commit.time
        target = node("practice", practice.id)
        for person_id in sorted(counts):
            source = node("person", person_id)
            if source in graph:
                day = last[person_id].date()
                if day not in days:
                    days[day] = day.isoformat()
                data = {
                    "relation": "author",
                    "weight": round(weights[person_id], 6),
                    "commits": counts[person_id],
                    "last": days[day],
                }
                edges.add(source, target, "author", data, share=False)
