"""Who could mentor whom: an optimal matching of what people offer to what others seek.

A person *offers* the skills in their ``mentors`` list and *seeks* those in ``learning``.
A pair (mentor, mentee) is possible on a skill the mentor offers and the mentee seeks when
the mentor is ahead on it: the mentor's declared level is above the mentee's (a mentee
who has not declared the skill is below novice; a mentor who has not declared it is never
ahead). A possible pair weighs

    1 + 0.25 * (levels between them on the best skill)
      + 0.25 * (each further skill the mentor could teach the mentee)
      + 0.5 if they already share a community

Each mentee gets at most one mentor; each mentor takes at most ``capacity`` mentees.
Among all such assignments the one with the largest total weight is chosen (a maximum
weight bipartite matching; scipy's sparse LAPJV solver on mentor slots, with a zero-cost
"unmatched" option for every slot and mentee), not the greedy one that takes the heaviest
pair first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from copkit.model.person import SKILL_LEVELS
from copkit.network.graph import node_id

NOT_DECLARED = -1
LEVEL_STEP = 0.25
EXTRA_SKILL = 0.25
SHARED_COMMUNITY = 0.5


@dataclass(frozen=True)
class MentorPair:
    """A proposed mentor and mentee, with the skills and why."""

    mentor: str
    mentee: str
    skill: str
    """The skill with the largest level difference (ties: by id)."""
    mentor_level: str
    mentee_level: str | None
    """None when the mentee has not declared the skill yet."""
    also: tuple[str, ...]
    """Further skills the mentor offers, the mentee seeks and the mentor is ahead on."""
    shared_communities: tuple[str, ...]
    weight: float

    def reason(self) -> str:
        mentee_level = self.mentee_level or "not yet declared"
        text = (
            f"{self.mentor} offers to mentor {self.skill} at {self.mentor_level} level; "
            f"{self.mentee} wants to learn it ({mentee_level})"
        )
        if self.also:
            text += f"; also {', '.join(self.also)}"
        if self.shared_communities:
            text += f"; both in {', '.join(self.shared_communities)}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "mentor": self.mentor,
            "mentee": self.mentee,
            "skill": self.skill,
            "mentor_level": self.mentor_level,
            "mentee_level": self.mentee_level,
            "also": list(self.also),
            "shared_communities": list(self.shared_communities),
            "weight": round(self.weight, 4),
            "reason": self.reason(),
        }


@dataclass(frozen=True)
class MentorMatching:
    """The proposed pairs, and who is left without a match."""

    capacity: int
    pairs: tuple[MentorPair, ...]
    unmatched_mentees: tuple[str, ...]
    """People seeking a skill for whom no mentor was available."""
    candidates: int
    """How many possible (mentor, mentee) pairs there were."""

    @property
    def total_weight(self) -> float:
        return sum(pair.weight for pair in self.pairs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "capacity": self.capacity,
            "candidates": self.candidates,
            "total_weight": round(self.total_weight, 4),
            "pairs": [pair.to_dict() for pair in self.pairs],
            "unmatched_mentees": list(self.unmatched_mentees),
        }


def candidate_pairs(graph: nx.MultiDiGraph[str]) -> dict[tuple[str, str], MentorPair]:
    """Every possible (mentor, mentee) pair with its weight, keyed by person ids."""
    levels: dict[str, dict[str, int]] = defaultdict(dict)
    offers: dict[str, list[str]] = defaultdict(list)
    seeks: dict[str, list[str]] = defaultdict(list)
    communities: dict[str, set[str]] = defaultdict(set)
    for source, target, relation, data in graph.edges(keys=True, data=True):
        if relation == "skill":
            levels[source][target] = SKILL_LEVELS.index(data["level"])
        elif relation == "mentors":
            offers[target].append(source)
        elif relation == "learning":
            seeks[target].append(source)
        elif relation in ("member", "lead"):
            communities[source].add(node_id(target))
    teachable: dict[tuple[str, str], list[tuple[int, str, int, int]]] = defaultdict(list)
    for skill in sorted(set(offers) & set(seeks)):
        for mentor in sorted(offers[skill]):
            mentor_level = levels[mentor].get(skill, NOT_DECLARED)
            if mentor_level == NOT_DECLARED:
                continue
            for mentee in sorted(seeks[skill]):
                mentee_level = levels[mentee].get(skill, NOT_DECLARED)
                if mentee != mentor and mentor_level > mentee_level:
                    gap = mentor_level - mentee_level
                    teachable[(mentor, mentee)].append((-gap, skill, mentor_level, mentee_level))
    result: dict[tuple[str, str], MentorPair] = {}
    for (mentor, mentee), skills in sorted(teachable.items()):
        skills.sort()
        negative_gap, best, mentor_level, mentee_level = skills[0]
        shared = tuple(sorted(communities[mentor] & communities[mentee]))
        weight = (
            1.0
            + LEVEL_STEP * -negative_gap
            + EXTRA_SKILL * (len(skills) - 1)
            + (SHARED_COMMUNITY if shared else 0.0)
        )
        result[(node_id(mentor), node_id(mentee))] = MentorPair(
            mentor=node_id(mentor),
            mentee=node_id(mentee),
            skill=node_id(best),
            mentor_level=SKILL_LEVELS[mentor_level],
            mentee_level=None if mentee_level == NOT_DECLARED else SKILL_LEVELS[mentee_level],
            also=tuple(node_id(item[1]) for item in skills[1:]),
            shared_communities=shared,
            weight=weight,
        )
    return result


def match_mentors(graph: nx.MultiDiGraph[str], *, capacity: int = 1) -> MentorMatching:
    """The maximum-weight assignment of mentees to mentors, ``capacity`` mentees each."""
    if capacity < 1:
        raise ValueError("capacity must be at least 1")
    candidates = candidate_pairs(graph)
    seekers = sorted(
        {
            node_id(source)
            for source, _, relation in graph.edges(keys=True)
            if relation == "learning"
        }
    )
    chosen = _max_weight_assignment(
        {key: pair.weight for key, pair in candidates.items()}, capacity
    )
    pairs = tuple(sorted((candidates[key] for key in chosen), key=lambda p: (p.mentor, p.mentee)))
    matched = {pair.mentee for pair in pairs}
    return MentorMatching(
        capacity=capacity,
        pairs=pairs,
        unmatched_mentees=tuple(person for person in seekers if person not in matched),
        candidates=len(candidates),
    )


def _max_weight_assignment(
    weights: dict[tuple[str, str], float], capacity: int
) -> list[tuple[str, str]]:
    """Pairs of a maximum-weight matching where each mentor has ``capacity`` slots.

    Rows are mentor slots then one "unmatched" row per mentee; columns are mentees then
    one "unused" column per slot. Every cost is ``big - weight`` on a real pair and
    ``big`` elsewhere, so a full matching of minimum cost is a matching of maximum weight.
    """
    if not weights:
        return []
    mentors = sorted({mentor for mentor, _ in weights})
    mentees = sorted({mentee for _, mentee in weights})
    mentee_col = {mentee: col for col, mentee in enumerate(mentees)}
    by_mentor: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for (mentor, mentee), weight in sorted(weights.items()):
        by_mentor[mentor].append((mentee_col[mentee], weight))
    slots = [(mentor, copy) for mentor in mentors for copy in range(capacity)]
    n_slots, n_mentees = len(slots), len(mentees)
    big = max(weights.values()) + 1.0
    rows: list[int] = []
    cols: list[int] = []
    costs: list[float] = []
    for slot, (mentor, _) in enumerate(slots):
        for col, weight in by_mentor[mentor]:
            rows += [slot, n_slots + col]  # the pair, and its mirror among the dummies
            cols += [col, n_mentees + slot]
            costs += [big - weight, big]
        rows.append(slot)
        cols.append(n_mentees + slot)
        costs.append(big)
    for col in range(n_mentees):
        rows.append(n_slots + col)
        cols.append(col)
        costs.append(big)
    size = n_slots + n_mentees
    matrix = sparse.csr_array(
        (np.asarray(costs, dtype=np.float64), (rows, cols)), shape=(size, size)
    )
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    chosen: list[tuple[str, str]] = []
    for row, col in zip(row_ind.tolist(), col_ind.tolist(), strict=True):
        if row < n_slots and col < n_mentees:
            chosen.append((slots[row][0], mentees[col]))
    return chosen
