"""Who knows about X: people ranked for a free-text question, each with the reasons why.

A person's score for a query adds three parts, each visible in the result:

- **profile**: the BM25 relevance (bm25s) of the person's profile -- labels and
  descriptions of their skills, titles, summaries and tags of the practices they own,
  approve, review or changed in git, their interests and job title -- divided by the best
  profile's relevance, so it lies in 0..1;
- **skills**: for each of their skills that matches the query, the skill's relevance
  (BM25 over skill labels and descriptions, divided by the best) times the level weight
  (novice 0.25, working 0.5, proficient 0.75, expert 1.0);
- **practices**: for each practice that matches the query (BM25 over practice texts,
  divided by the best), its relevance times the person's part in it: owner 1.0,
  approver 0.5, reviewer 0.25, plus their recency-weighted git commits to its file
  (capped at 1.0).

Build an :class:`ExpertIndex` once (the slow part) and ask it many queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse

from copkit.network.graph import PRACTICE_ROLE_WEIGHTS, node, node_id
from copkit.network.text import Bm25Index, tokenize

AUTHOR_CAP = 1.0
"""Most a person's git activity on one practice adds to their part in it."""
ROLE_ORDER = ("owner", "approver", "reviewer", "author")


class QueryError(ValueError):
    """A query that cannot be answered (no searchable words, unknown community)."""


@dataclass(frozen=True)
class MatchedSkill:
    """A skill of the person that matches the query."""

    skill: str
    label: str
    level: str
    relevance: float
    """How well the skill matches the query, 0..1 (1 = the best-matching skill)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "label": self.label,
            "level": self.level,
            "relevance": round(self.relevance, 4),
        }


@dataclass(frozen=True)
class MatchedPractice:
    """A practice that matches the query, and the person's part in it."""

    practice: str
    title: str
    roles: tuple[str, ...]
    """owner, approver, reviewer, author (changed its file in git)."""
    commits: int
    last_commit: str | None
    relevance: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "practice": self.practice,
            "title": self.title,
            "roles": list(self.roles),
            "commits": self.commits,
            "last_commit": self.last_commit,
            "relevance": round(self.relevance, 4),
        }


@dataclass(frozen=True)
class Expert:
    """One ranked person and why they rank there."""

    person: str
    name: str
    score: float
    profile: float
    """The profile part of the score (0..1)."""
    skills: tuple[MatchedSkill, ...]
    practices: tuple[MatchedPractice, ...]

    def reasons(self) -> list[str]:
        """Sentences that explain the rank, strongest evidence first."""
        lines = [
            f"{skill.label} at {skill.level} level (skill '{skill.skill}')" for skill in self.skills
        ]
        for practice in self.practices:
            parts = [role for role in practice.roles if role != "author"]
            if practice.commits:
                plural = "" if practice.commits == 1 else "s"
                parts.append(f"{practice.commits} commit{plural}, last {practice.last_commit}")
            lines.append(f"{practice.title} ({', '.join(parts)}; practice '{practice.practice}')")
        if not lines:
            lines.append("profile mentions the query's words")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "name": self.name,
            "score": round(self.score, 4),
            "profile": round(self.profile, 4),
            "skills": [skill.to_dict() for skill in self.skills],
            "practices": [practice.to_dict() for practice in self.practices],
            "reasons": self.reasons(),
        }


@dataclass(frozen=True)
class ExpertResults:
    """The answer to one query."""

    query: str
    terms: tuple[str, ...]
    """The query's words as matched (lower-cased, stemmed, stop words removed)."""
    community: str | None
    experts: tuple[Expert, ...]
    history: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "terms": list(self.terms),
            "community": self.community,
            "history": dict(self.history),
            "experts": [expert.to_dict() for expert in self.experts],
        }


class ExpertIndex:
    """Everything a query needs, computed once from the expertise graph."""

    def __init__(self, graph: nx.MultiDiGraph[str]) -> None:
        self.history: dict[str, Any] = dict(graph.graph.get("history", {}))
        kinds: dict[str, list[str]] = {"person": [], "skill": [], "practice": [], "community": []}
        for name, data in graph.nodes(data=True):
            if data.get("kind") in kinds:
                kinds[data["kind"]].append(name)
        self.people = sorted(kinds["person"])
        self.skills = sorted(kinds["skill"])
        self.practices = sorted(kinds["practice"])
        self._communities = set(kinds["community"])
        skill_col = {name: col for col, name in enumerate(self.skills)}
        practice_col = {name: col for col, name in enumerate(self.practices)}
        nodes = graph.nodes

        self.names = [str(nodes[name].get("name", "")) for name in self.people]
        self.skill_labels = [str(nodes[name]["label"]) for name in self.skills]
        self.practice_titles = [str(nodes[name]["title"]) for name in self.practices]
        skill_texts = [
            f"{nodes[name]['label']} {node_id(name).replace('-', ' ')} {nodes[name]['description']}"
            for name in self.skills
        ]
        practice_texts: list[str] = []
        for name in self.practices:
            words = [str(nodes[name]["title"]), str(nodes[name]["summary"])]
            for _, target, relation in graph.out_edges(name, keys=True):
                if relation in ("tagged", "requires"):
                    words.append(str(nodes[target]["label"]))
            practice_texts.append(" ".join(words))

        skill_rows: list[int] = []
        skill_cols: list[int] = []
        skill_weights: list[float] = []
        self._levels: dict[tuple[int, int], str] = {}
        practice_parts: dict[tuple[int, int], float] = {}
        self._roles: dict[tuple[int, int], list[str]] = {}
        self._commits: dict[tuple[int, int], tuple[int, str]] = {}
        self.members: dict[str, set[int]] = {}
        skill_tokens = tokenize(skill_texts)
        practice_tokens = tokenize(practice_texts)
        # A profile reuses the tokens of its skills and practices; only the person's own
        # words (title, interests) are tokenised here, all people in one call.
        profiles: list[list[str]] = []
        own_words: list[str] = []
        for row, name in enumerate(self.people):
            words = [str(nodes[name].get("title", ""))]
            profile: list[str] = []
            for _, target, relation, data in graph.out_edges(name, keys=True, data=True):
                if relation == "skill":
                    col = skill_col[target]
                    skill_rows.append(row)
                    skill_cols.append(col)
                    skill_weights.append(float(data["weight"]))
                    self._levels[(row, col)] = str(data["level"])
                    profile.extend(skill_tokens[col])
                elif relation in PRACTICE_ROLE_WEIGHTS or relation == "author":
                    col = practice_col[target]
                    key = (row, col)
                    if key not in self._roles:
                        profile.extend(practice_tokens[col])
                    self._roles.setdefault(key, []).append(relation)
                    weight = float(data["weight"])
                    if relation == "author":
                        weight = min(weight, AUTHOR_CAP)
                        self._commits[key] = (int(data["commits"]), str(data["last"]))
                    practice_parts[key] = practice_parts.get(key, 0.0) + weight
                elif relation == "interest":
                    words.append(str(nodes[target]["label"]))
                elif relation in ("member", "lead"):
                    self.members.setdefault(target, set()).add(row)
            profiles.append(profile)
            own_words.append(" ".join(words))
        for profile, extra in zip(profiles, tokenize(own_words), strict=True):
            profile.extend(extra)

        shape_people = len(self.people)
        self._skill_matrix = sparse.csr_array(
            (skill_weights, (skill_rows, skill_cols)), shape=(shape_people, len(self.skills))
        )
        keys = sorted(practice_parts)
        self._practice_matrix = sparse.csr_array(
            (
                [practice_parts[key] for key in keys],
                ([key[0] for key in keys], [key[1] for key in keys]),
            ),
            shape=(shape_people, len(self.practices)),
        )
        self._profile_index = Bm25Index(profiles)
        self._skill_index = Bm25Index(skill_tokens)
        self._practice_index = Bm25Index(practice_tokens)

    def search(self, query: str, *, community: str | None = None, limit: int = 10) -> ExpertResults:
        """The ``limit`` best people for ``query``, optionally only members of ``community``.

        Raises :class:`QueryError` when the query has no searchable word or the community
        does not exist.
        """
        terms = tokenize([query])[0] if query.strip() else []
        if not terms:
            raise QueryError(f"the query {query!r} has no searchable words")
        if community is not None and node("community", community) not in self._communities:
            raise QueryError(f"there is no community {community!r}")
        profile = _normalised(self._profile_index.scores(terms))
        skill_relevance = _normalised(self._skill_index.scores(terms))
        practice_relevance = _normalised(self._practice_index.scores(terms))
        scores = (
            profile
            + self._skill_matrix @ skill_relevance
            + self._practice_matrix @ practice_relevance
        )
        scores = np.round(scores, 9)
        if community is not None:
            allowed = np.zeros(len(self.people), dtype=bool)
            allowed[sorted(self.members.get(node("community", community), set()))] = True
            scores = np.where(allowed, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        # Highest score first; equal scores in id order (rows are sorted by id).
        order = candidates[np.lexsort((candidates, -scores[candidates]))][: max(limit, 0)]
        experts = tuple(
            self._explain(
                int(row),
                float(scores[row]),
                float(profile[row]),
                skill_relevance,
                practice_relevance,
            )
            for row in order
        )
        return ExpertResults(query, tuple(terms), community, experts, self.history)

    def _explain(
        self,
        row: int,
        score: float,
        profile: float,
        skill_relevance: npt.NDArray[np.float64],
        practice_relevance: npt.NDArray[np.float64],
    ) -> Expert:
        skills: list[tuple[float, MatchedSkill]] = []
        matrix = self._skill_matrix
        for position in range(int(matrix.indptr[row]), int(matrix.indptr[row + 1])):
            col = int(matrix.indices[position])
            relevance = float(skill_relevance[col])
            if relevance > 0:
                matched = MatchedSkill(
                    node_id(self.skills[col]),
                    self.skill_labels[col],
                    self._levels[(row, col)],
                    relevance,
                )
                skills.append((relevance * float(matrix.data[position]), matched))
        practices: list[tuple[float, MatchedPractice]] = []
        matrix = self._practice_matrix
        for position in range(int(matrix.indptr[row]), int(matrix.indptr[row + 1])):
            col = int(matrix.indices[position])
            relevance = float(practice_relevance[col])
            if relevance > 0:
                roles = sorted(self._roles[(row, col)], key=ROLE_ORDER.index)
                commits, last = self._commits.get((row, col), (0, None))
                matched_practice = MatchedPractice(
                    node_id(self.practices[col]),
                    self.practice_titles[col],
                    tuple(roles),
                    commits,
                    last,
                    relevance,
                )
                practices.append((relevance * float(matrix.data[position]), matched_practice))
        skills.sort(key=lambda item: (-round(item[0], 9), item[1].skill))
        practices.sort(key=lambda item: (-round(item[0], 9), item[1].practice))
        return Expert(
            person=node_id(self.people[row]),
            name=self.names[row],
            score=score,
            profile=profile,
            skills=tuple(item[1] for item in skills),
            practices=tuple(item[1] for item in practices),
        )


def _normalised(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Scores divided by the best one (all zeros stay zeros), rounded against float noise."""
    best = float(scores.max()) if scores.size else 0.0
    if best <= 0:
        return np.zeros_like(scores)
    return np.round(scores / best, 9)


def find_experts(
    graph: nx.MultiDiGraph[str], query: str, *, community: str | None = None, limit: int = 10
) -> ExpertResults:
    """One-off search; build an :class:`ExpertIndex` to ask several questions."""
    return ExpertIndex(graph).search(query, community=community, limit=limit)
