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
weight bipartite matching, solved exactly by scipy's sparse LAPJV solver: one row per
mentee, one column per mentor slot plus an "unmatched" column per mentee), not the greedy
one that takes the heaviest pair first.

A large organisation has millions of possible pairs (6.4 million at 20,000 people), so
they are generated with numpy, one skill at a time (every mentor offering the skill
against every mentee seeking it), and combined per pair by sorting; a
:class:`MentorPair` is built only for the pairs chosen. Every possible pair is given to
the solver: nothing is pruned, so the matching is optimal over all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
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


@dataclass(frozen=True)
class _Candidates:
    """Every possible pair, as arrays over person and skill indexes.

    Rows are sorted by pair (mentor, then mentee), then by gap (largest first), then by
    skill: a pair's rows run from ``starts[i]`` to ``starts[i + 1]``, its best skill first.
    """

    people: list[str]
    """Person nodes, sorted; indexes below point here."""
    skills: list[str]
    """Skill nodes, sorted."""
    communities: dict[str, set[str]]
    """Person node -> ids of the communities they are a member or lead of."""
    mentor: npt.NDArray[np.int64]
    mentee: npt.NDArray[np.int64]
    """Per pair."""
    weight: npt.NDArray[np.float64]
    """Per pair."""
    starts: npt.NDArray[np.int64]
    """Per pair, and one past the end."""
    row_skill: npt.NDArray[np.int64]
    row_mentor_level: npt.NDArray[np.int64]
    row_mentee_level: npt.NDArray[np.int64]
    """Per (pair, skill) row."""

    def pair(self, index: int) -> MentorPair:
        """The :class:`MentorPair` of pair ``index``, with its explanation."""
        start, end = int(self.starts[index]), int(self.starts[index + 1])
        mentor = self.people[int(self.mentor[index])]
        mentee = self.people[int(self.mentee[index])]
        mentee_level = int(self.row_mentee_level[start])
        return MentorPair(
            mentor=node_id(mentor),
            mentee=node_id(mentee),
            skill=node_id(self.skills[int(self.row_skill[start])]),
            mentor_level=SKILL_LEVELS[int(self.row_mentor_level[start])],
            mentee_level=None if mentee_level == NOT_DECLARED else SKILL_LEVELS[mentee_level],
            also=tuple(
                node_id(self.skills[int(skill)]) for skill in self.row_skill[start + 1 : end]
            ),
            shared_communities=tuple(
                sorted(self.communities.get(mentor, set()) & self.communities.get(mentee, set()))
            ),
            weight=float(self.weight[index]),
        )


def _candidates(graph: nx.MultiDiGraph[str]) -> _Candidates:
    people = sorted(name for name, data in graph.nodes(data=True) if data["kind"] == "person")
    skills = sorted(name for name, data in graph.nodes(data=True) if data["kind"] == "skill")
    person_index = {name: index for index, name in enumerate(people)}
    skill_index = {name: index for index, name in enumerate(skills)}
    levels: dict[tuple[int, int], int] = {}
    offers: dict[int, list[int]] = defaultdict(list)
    seeks: dict[int, list[int]] = defaultdict(list)
    communities: dict[str, set[str]] = defaultdict(set)
    for source, target, relation, data in graph.out_edges(people, keys=True, data=True):
        if relation == "skill":
            levels[(person_index[source], skill_index[target])] = SKILL_LEVELS.index(data["level"])
        elif relation == "mentors":
            offers[skill_index[target]].append(person_index[source])
        elif relation == "learning":
            seeks[skill_index[target]].append(person_index[source])
        elif relation in ("member", "lead"):
            communities[source].add(node_id(target))
    empty = np.zeros(0, dtype=np.int64)
    parts: list[tuple[npt.NDArray[np.int64], ...]] = []
    for skill in sorted(set(offers) & set(seeks)):
        mentors = np.array(sorted(offers[skill]), dtype=np.int64)
        mentees = np.array(sorted(seeks[skill]), dtype=np.int64)
        mentor_levels = np.array(
            [levels.get((int(m), skill), NOT_DECLARED) for m in mentors], dtype=np.int64
        )
        mentee_levels = np.array(
            [levels.get((int(m), skill), NOT_DECLARED) for m in mentees], dtype=np.int64
        )
        # A mentor who has not declared the skill is at NOT_DECLARED: never ahead.
        ahead = (mentor_levels[:, None] > mentee_levels[None, :]) & (
            mentors[:, None] != mentees[None, :]
        )
        rows, cols = np.nonzero(ahead)
        parts.append(
            (
                mentors[rows],
                mentees[cols],
                np.full(rows.size, skill, dtype=np.int64),
                mentor_levels[rows],
                mentee_levels[cols],
            )
        )
    row_mentor, row_mentee, row_skill, row_mentor_level, row_mentee_level = (
        np.concatenate([part[column] for part in parts]) if parts else empty for column in range(5)
    )
    key = row_mentor * len(people) + row_mentee
    gap = row_mentor_level - row_mentee_level
    order = np.lexsort((row_skill, -gap, key))
    key, gap = key[order], gap[order]
    row_skill, row_mentor_level, row_mentee_level = (
        row_skill[order],
        row_mentor_level[order],
        row_mentee_level[order],
    )
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if key.size else empty
    starts = np.r_[first, key.size].astype(np.int64)
    mentor = row_mentor[order][first]
    mentee = row_mentee[order][first]
    shared = _share_a_community(people, communities, mentor, mentee)
    weight = (
        1.0
        + LEVEL_STEP * gap[first]
        + EXTRA_SKILL * (np.diff(starts) - 1)
        + np.where(shared, SHARED_COMMUNITY, 0.0)
    ).astype(np.float64)
    return _Candidates(
        people,
        skills,
        dict(communities),
        mentor,
        mentee,
        weight,
        starts,
        row_skill,
        row_mentor_level,
        row_mentee_level,
    )


def _share_a_community(
    people: Sequence[str],
    communities: dict[str, set[str]],
    mentor: npt.NDArray[np.int64],
    mentee: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """Per pair, whether mentor and mentee belong to a common community.

    Each pair is expanded into (mentee, community) for every community of the mentor, and
    looked up among the sorted (person, community) memberships. Work and memory follow the
    number of pairs times the communities a person belongs to (one or two), never the
    number of people who share a community, which is quadratic in a big community's size
    (the person x person co-membership product this replaces: at 30,000 people mentors
    took 142 s of CPU with it, 82 s without).
    """
    if not mentor.size:
        return np.zeros(0, dtype=np.bool_)
    names = sorted({c for held in communities.values() for c in held})
    column = {name: index for index, name in enumerate(names)}
    width = max(len(names), 1)
    count = np.array([len(communities.get(person, ())) for person in people], dtype=np.int64)
    held = np.array(
        [column[c] for person in people for c in sorted(communities.get(person, ()))],
        dtype=np.int64,
    )
    first = np.r_[0, np.cumsum(count)[:-1]].astype(np.int64)
    memberships = np.repeat(np.arange(len(people), dtype=np.int64), count) * width + held
    per_pair = count[mentor]
    pair = np.repeat(np.arange(mentor.size, dtype=np.int64), per_pair)
    offset = np.arange(pair.size, dtype=np.int64) - np.repeat(
        np.cumsum(per_pair) - per_pair, per_pair
    )
    codes = mentee[pair] * width + held[first[mentor[pair]] + offset]
    found = np.searchsorted(memberships, codes)
    hit = found < memberships.size
    hit[hit] = memberships[found[hit]] == codes[hit]
    shared = np.zeros(mentor.size, dtype=np.bool_)
    shared[pair[hit]] = True
    return shared


def candidate_pairs(graph: nx.MultiDiGraph[str]) -> dict[tuple[str, str], MentorPair]:
    """Every possible (mentor, mentee) pair with its weight, keyed by person ids.

    For tests and small organisations: at scale :func:`match_mentors` builds pairs only
    for the matching it chooses.
    """
    candidates = _candidates(graph)
    pairs = (candidates.pair(index) for index in range(candidates.mentor.size))
    return {(pair.mentor, pair.mentee): pair for pair in pairs}


def match_mentors(graph: nx.MultiDiGraph[str], *, capacity: int = 1) -> MentorMatching:
    """The maximum-weight assignment of mentees to mentors, ``capacity`` mentees each."""
    if capacity < 1:
        raise ValueError("capacity must be at least 1")
    candidates = _candidates(graph)
    seekers = sorted(
        {
            node_id(source)
            for source, _, relation in graph.out_edges(candidates.people, keys=True)
            if relation == "learning"
        }
    )
    chosen = _assign(candidates.mentor, candidates.mentee, candidates.weight, capacity)
    pairs = tuple(candidates.pair(int(index)) for index in np.sort(chosen))
    matched = {pair.mentee for pair in pairs}
    return MentorMatching(
        capacity=capacity,
        pairs=pairs,
        unmatched_mentees=tuple(person for person in seekers if person not in matched),
        candidates=int(candidates.mentor.size),
    )


def _max_weight_assignment(
    weights: dict[tuple[str, str], float], capacity: int
) -> list[tuple[str, str]]:
    """Pairs of a maximum-weight matching of ``weights`` (keyed by mentor, mentee)."""
    keys = sorted(weights)
    mentors = sorted({mentor for mentor, _ in keys})
    mentees = sorted({mentee for _, mentee in keys})
    chosen = _assign(
        np.array([mentors.index(mentor) for mentor, _ in keys], dtype=np.int64),
        np.array([mentees.index(mentee) for _, mentee in keys], dtype=np.int64),
        np.array([weights[key] for key in keys], dtype=np.float64),
        capacity,
    )
    return [keys[int(index)] for index in np.sort(chosen)]


def _assign(
    mentor: npt.NDArray[np.int64],
    mentee: npt.NDArray[np.int64],
    weight: npt.NDArray[np.float64],
    capacity: int,
) -> npt.NDArray[np.int64]:
    """Indexes (sorted) of the candidate pairs in a maximum-weight matching where each
    mentee has one mentor and each mentor up to ``capacity`` mentees.

    Rows are mentees; columns are ``capacity`` slots per mentor, then one "unmatched"
    column per mentee. Weights are quarters (see the module), so in integer units a pair
    costs ``(big - 4 * weight) * scale + row`` in each of its mentor's slots and
    "unmatched" costs ``big * scale``, with ``big`` above every weight: every row is
    matched (at worst to its own "unmatched" column), so the total cost is ``big * scale``
    per mentee less the pairs chosen, and the minimum-cost full matching is a
    maximum-weight one. ``scale`` exceeds the sum of all rows, so the ``row`` terms only
    break ties between matchings of equal weight, towards mentees earlier by id. Every
    cost and sum stays an exact integer in float64.
    """
    if not mentor.size:
        return np.zeros(0, dtype=np.int64)
    quarters = np.rint(weight * 4).astype(np.int64)
    if not np.array_equal(quarters, weight * 4):
        raise ValueError("pair weights must be multiples of 0.25")
    mentors, mentor_column = np.unique(mentor, return_inverse=True)
    mentees, mentee_row = np.unique(mentee, return_inverse=True)
    n_slots, n_mentees = mentors.size * capacity, mentees.size
    big = int(quarters.max()) + 1
    scale = n_mentees * (n_mentees - 1) // 2 + 1
    if big * scale * n_mentees >= 2**52:  # too large to stay exact: no tie-break
        scale, tie = 1, np.zeros(mentor.size, dtype=np.int64)
    else:
        tie = mentee_row.astype(np.int64)
    pair_of = np.repeat(np.arange(mentor.size, dtype=np.int64), capacity)
    rows = np.r_[mentee_row[pair_of], np.arange(n_mentees)]
    cols = np.r_[
        mentor_column[pair_of] * capacity + np.tile(np.arange(capacity), mentor.size),
        n_slots + np.arange(n_mentees),
    ]
    costs = np.r_[
        ((big - quarters) * scale + tie)[pair_of], np.full(n_mentees, big * scale)
    ].astype(np.float64)
    matrix = sparse.csr_array((costs, (rows, cols)), shape=(n_mentees, n_slots + n_mentees))
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    taken = col_ind < n_slots
    # Back from (mentee row, mentor column) to candidate indexes.
    keys = mentor_column.astype(np.int64) * n_mentees + mentee_row
    order = np.argsort(keys, kind="stable")
    wanted = (col_ind[taken] // capacity).astype(np.int64) * n_mentees + row_ind[taken]
    found = order[np.searchsorted(keys, wanted, sorter=order)]
    return np.sort(found).astype(np.int64)
