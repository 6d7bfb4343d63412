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

A large organisation has millions of possible pairs (14.6 million at 30,000 people), so
they are generated with numpy one mentee at a time, kept as 8 bytes a pair and written
straight into the solver's sparse matrix; a :class:`MentorPair` is built only for the
pairs chosen. Every possible pair is given to the solver: nothing is pruned, so the
matching is optimal over all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
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
_CHUNK = 1 << 19
"""Pairs worked at a time where a temporary per pair is needed."""


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
class MentoringWishes:
    """What people offer to mentor and want to learn: all the matching reads from the graph.

    Taken out of the graph so that a caller can let go of the graph before matching,
    which on a large organisation needs that memory (``copkit mentors`` does).
    """

    people: list[str]
    """Person nodes, sorted; person indexes below point here."""
    skills: list[str]
    """Skill nodes, sorted; skill indexes below point here."""
    levels: dict[tuple[int, int], int]
    """(person, skill) -> declared level, an index into ``SKILL_LEVELS``."""
    offers: dict[int, list[int]]
    """Skill -> the people offering to mentor it, ascending."""
    seeks: dict[int, list[int]]
    """Skill -> the people wanting to learn it, ascending."""
    communities: dict[str, set[str]]
    """Person node -> ids of the communities they are a member or lead of."""

    def level(self, person: int, skill: int) -> int:
        return self.levels.get((person, skill), NOT_DECLARED)


def mentoring_wishes(graph: nx.MultiDiGraph[str]) -> MentoringWishes:
    """What the people of ``graph`` offer and seek, with their levels and communities."""
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
    return MentoringWishes(
        people,
        skills,
        levels,
        {skill: sorted(who) for skill, who in offers.items()},
        {skill: sorted(who) for skill, who in seeks.items()},
        dict(communities),
    )


@dataclass(frozen=True)
class _CandidatePairs:
    """Every possible pair, grouped by mentee: the pairs of mentee ``mentees[i]`` are
    ``starts[i]`` to ``starts[i + 1]``, their mentors ascending. Only mentees with at
    least one possible mentor have a group. Indexes are person indexes."""

    mentees: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    mentor: npt.NDArray[np.int32]
    quarters: npt.NDArray[np.int32]
    """Per pair, its weight times 4 (an exact integer)."""


def _chunks(starts: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    """Consecutive (first, end) ranges of groups, each holding about ``_CHUNK`` pairs
    (more when one group alone is larger): working a chunk at a time bounds the memory
    of the temporaries by the chunk, not by all pairs."""
    groups = starts.size - 1
    cuts = np.searchsorted(starts, np.arange(_CHUNK, int(starts[-1]), _CHUNK))
    bounds = np.unique(np.r_[0, cuts, groups]).tolist()
    return [(int(a), int(b)) for a, b in pairwise(bounds)]


def _candidate_pairs(wishes: MentoringWishes) -> _CandidatePairs:
    """Every possible pair and its weight, generated one mentee at a time.

    For each skill, the mentors ahead of a mentee depend only on the mentee's level, so
    they are listed once per level; a mentee's possible mentors are those lists for the
    skills they seek, merged. Pairs are kept as two 4-byte numbers each (mentor and
    weight), about 120 MB for the 15 million pairs of 30,000 people.
    """
    ahead = _mentors_ahead(wishes)
    sought: dict[int, list[int]] = defaultdict(list)
    for skill, seekers in wishes.seeks.items():
        if skill in ahead:
            for mentee in seekers:
                sought[mentee].append(skill)
    memberships = _Memberships(wishes.people, wishes.communities)
    mentees: list[int] = []
    sizes: list[int] = []
    mentor_parts: list[npt.NDArray[np.int32]] = []
    quarter_parts: list[npt.NDArray[np.int32]] = []
    pending: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]]
    pending = []
    pending_pairs = 0

    def flush() -> None:
        nonlocal pending, pending_pairs
        if not pending:
            return
        mentor, gap, skills = (np.concatenate([part[i] for part in pending]) for i in range(3))
        mentee = np.repeat(np.array(mentees[-len(pending) :]), sizes[-len(pending) :])
        shared = memberships.shared(mentor, mentee)
        # The module's weight, times 4: 1 + 1/4 per level + 1/4 per further skill + 1/2.
        mentor_parts.append(mentor.astype(np.int32))
        quarter_parts.append((4 + gap + (skills - 1) + 2 * shared).astype(np.int32))
        pending, pending_pairs = [], 0

    for mentee in sorted(sought):
        parts = []
        for skill in sought[mentee]:
            level = wishes.level(mentee, skill)
            if level - NOT_DECLARED < len(ahead[skill]):  # else nobody is above it
                mentors, levels = ahead[skill][level - NOT_DECLARED]
                if mentors.size:
                    parts.append((mentors, levels - level))
        if not parts:
            continue
        merged = _merge(parts)
        mentees.append(mentee)
        sizes.append(merged[0].size)
        pending.append(merged)
        pending_pairs += merged[0].size
        if pending_pairs >= _CHUNK:
            flush()
    flush()
    return _CandidatePairs(
        mentees=np.array(mentees, dtype=np.int64),
        starts=np.r_[0, np.cumsum(sizes, dtype=np.int64)].astype(np.int64),
        mentor=np.concatenate(mentor_parts) if mentor_parts else np.zeros(0, dtype=np.int32),
        quarters=np.concatenate(quarter_parts) if quarter_parts else np.zeros(0, dtype=np.int32),
    )


def _mentors_ahead(
    wishes: MentoringWishes,
) -> dict[int, list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]]]:
    """Skill -> for each mentee level from "not declared" up, the mentors ahead of it
    (ascending) and their levels. A mentor who has not declared the skill is at
    NOT_DECLARED: never ahead."""
    ahead = {}
    for skill in sorted(set(wishes.offers) & set(wishes.seeks)):
        mentors = np.array(wishes.offers[skill], dtype=np.int64)
        levels = np.array([wishes.level(int(m), skill) for m in mentors], dtype=np.int64)
        ahead[skill] = [
            (mentors[levels > below], levels[levels > below])
            for below in range(NOT_DECLARED, len(SKILL_LEVELS) - 1)
        ]
    return ahead


def _merge(
    parts: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """One mentee's possible mentors over the skills in ``parts`` (each: mentors
    ascending, how far ahead): per mentor, ascending, the largest gap and the number of
    skills they are ahead on."""
    if len(parts) == 1:
        mentors, gaps = parts[0]
        return mentors, gaps, np.ones(mentors.size, dtype=np.int64)
    mentors = np.concatenate([part[0] for part in parts])
    gaps = np.concatenate([part[1] for part in parts])
    order = np.argsort(mentors, kind="stable")
    mentors, gaps = mentors[order], gaps[order]
    first = np.flatnonzero(np.r_[True, mentors[1:] != mentors[:-1]])
    return mentors[first], np.maximum.reduceat(gaps, first), np.diff(np.r_[first, mentors.size])


class _Memberships:
    """Whether two people belong to a common community, asked for many pairs at once.

    Each pair is expanded into (mentee, community) for every community of the mentor, and
    looked up among the sorted (person, community) memberships. Work and memory follow the
    number of pairs times the communities a person belongs to (one or two), never the
    number of people who share a community, which is quadratic in a big community's size
    (the person x person co-membership product this replaces: at 30,000 people mentors
    took 142 s of CPU with it, 82 s without).
    """

    def __init__(self, people: Sequence[str], communities: dict[str, set[str]]) -> None:
        names = sorted({c for held in communities.values() for c in held})
        column = {name: index for index, name in enumerate(names)}
        self.width = max(len(names), 1)
        self.count = np.array([len(communities.get(p, ())) for p in people], dtype=np.int64)
        self.held = np.array(
            [column[c] for person in people for c in sorted(communities.get(person, ()))],
            dtype=np.int64,
        )
        self.first = np.r_[0, np.cumsum(self.count)[:-1]].astype(np.int64)
        self.memberships = (
            np.repeat(np.arange(len(people), dtype=np.int64), self.count) * self.width + self.held
        )

    def shared(
        self, mentor: npt.NDArray[np.int64], mentee: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.bool_]:
        """Per pair, whether mentor and mentee belong to a common community."""
        per_pair = self.count[mentor]
        pair = np.repeat(np.arange(mentor.size, dtype=np.int64), per_pair)
        offset = np.arange(pair.size, dtype=np.int64) - np.repeat(
            np.cumsum(per_pair) - per_pair, per_pair
        )
        codes = mentee[pair] * self.width + self.held[self.first[mentor[pair]] + offset]
        found = np.searchsorted(self.memberships, codes)
        hit = found < self.memberships.size
        hit[hit] = self.memberships[found[hit]] == codes[hit]
        shared = np.zeros(mentor.size, dtype=np.bool_)
        shared[pair[hit]] = True
        return shared


class _Explainer:
    """The :class:`MentorPair` of a possible pair, worked out pair by pair (for the few
    pairs chosen, not for the millions possible)."""

    def __init__(self, wishes: MentoringWishes) -> None:
        self.wishes = wishes
        self.offered: dict[int, set[int]] = defaultdict(set)
        self.sought: dict[int, set[int]] = defaultdict(set)
        for skill, mentors in wishes.offers.items():
            for mentor in mentors:
                self.offered[mentor].add(skill)
        for skill, mentees in wishes.seeks.items():
            for mentee in mentees:
                self.sought[mentee].add(skill)

    def pair(self, mentor: int, mentee: int) -> MentorPair:
        wishes = self.wishes
        # Skills the mentor is ahead on: the largest gap first, then by skill.
        ahead = sorted(
            (wishes.level(mentee, skill) - wishes.level(mentor, skill), skill)
            for skill in self.offered[mentor] & self.sought[mentee]
            if wishes.level(mentor, skill) > wishes.level(mentee, skill)
        )
        negative_gap, skill = ahead[0]
        mentee_level = wishes.level(mentee, skill)
        mentor_node, mentee_node = wishes.people[mentor], wishes.people[mentee]
        shared = tuple(
            sorted(
                wishes.communities.get(mentor_node, set())
                & wishes.communities.get(mentee_node, set())
            )
        )
        return MentorPair(
            mentor=node_id(mentor_node),
            mentee=node_id(mentee_node),
            skill=node_id(wishes.skills[skill]),
            mentor_level=SKILL_LEVELS[wishes.level(mentor, skill)],
            mentee_level=None if mentee_level == NOT_DECLARED else SKILL_LEVELS[mentee_level],
            also=tuple(node_id(wishes.skills[further]) for _, further in ahead[1:]),
            shared_communities=shared,
            weight=1.0
            + LEVEL_STEP * -negative_gap
            + EXTRA_SKILL * (len(ahead) - 1)
            + (SHARED_COMMUNITY if shared else 0.0),
        )


def candidate_pairs(graph: nx.MultiDiGraph[str]) -> dict[tuple[str, str], MentorPair]:
    """Every possible (mentor, mentee) pair with its weight, keyed by person ids.

    For tests and small organisations: at scale :func:`match_mentors` builds pairs only
    for the matching it chooses.
    """
    wishes = mentoring_wishes(graph)
    candidates = _candidate_pairs(wishes)
    explainer = _Explainer(wishes)
    sizes = np.diff(candidates.starts)
    pairs = (
        explainer.pair(int(mentor), int(mentee))
        for mentor, mentee in zip(
            candidates.mentor, np.repeat(candidates.mentees, sizes), strict=True
        )
    )
    return {(pair.mentor, pair.mentee): pair for pair in pairs}


def match_mentors(
    source: nx.MultiDiGraph[str] | MentoringWishes, *, capacity: int = 1
) -> MentorMatching:
    """The maximum-weight assignment of mentees to mentors, ``capacity`` mentees each.

    ``source`` is the graph, or its :func:`mentoring_wishes` when the caller wants the
    graph's memory back before the matching.
    """
    if capacity < 1:
        raise ValueError("capacity must be at least 1")
    wishes = source if isinstance(source, MentoringWishes) else mentoring_wishes(source)
    candidates = _candidate_pairs(wishes)
    rows, mentors = _assign(
        candidates.starts, candidates.mentor, candidates.quarters, capacity=capacity
    )
    mentees = candidates.mentees[rows]
    explainer = _Explainer(wishes)
    pairs = tuple(
        explainer.pair(int(mentors[index]), int(mentees[index]))
        for index in np.lexsort((mentees, mentors))
    )
    matched = {pair.mentee for pair in pairs}
    seekers = sorted({node_id(wishes.people[p]) for who in wishes.seeks.values() for p in who})
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
    keys = sorted(weights, key=lambda key: (key[1], key[0]))
    mentors = sorted({mentor for mentor, _ in keys})
    mentees = sorted({mentee for _, mentee in keys})
    quarters = np.array([weights[key] * 4 for key in keys], dtype=np.float64)
    if not np.array_equal(np.rint(quarters), quarters):
        raise ValueError("pair weights must be multiples of 0.25")
    sizes = np.bincount([mentees.index(mentee) for _, mentee in keys], minlength=len(mentees))
    rows, chosen = _assign(
        np.r_[0, np.cumsum(sizes)].astype(np.int64),
        np.array([mentors.index(mentor) for mentor, _ in keys], dtype=np.int32),
        quarters.astype(np.int32),
        capacity=capacity,
    )
    return sorted((mentors[int(m)], mentees[int(r)]) for r, m in zip(rows, chosen, strict=True))


def _assign(
    starts: npt.NDArray[np.int64],
    mentor: npt.NDArray[np.int32],
    quarters: npt.NDArray[np.int32],
    *,
    capacity: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """A maximum-weight matching where each mentee has one mentor and each mentor up to
    ``capacity`` mentees, as (mentee row, mentor) per chosen pair.

    The pairs are grouped by mentee row (``starts``, as in :class:`_CandidatePairs`),
    mentors ascending within a row; ``quarters`` is each pair's weight times 4.

    Rows are mentees; columns are ``capacity`` slots per mentor, then one "unmatched"
    column per mentee. In integer units a pair costs ``(big - quarters) * scale + row``
    in each of its mentor's slots and "unmatched" costs ``big * scale``, with ``big``
    above every weight: every row is matched (at worst to its own "unmatched" column), so
    the total cost is ``big * scale`` per mentee less the pairs chosen, and the
    minimum-cost full matching is a maximum-weight one. ``scale`` exceeds the sum of all
    rows, so the ``row`` terms only break ties between matchings of equal weight, towards
    mentees earlier by id. Every cost and sum stays an exact integer in float64.

    The sparse matrix is written directly in its canonical form (columns ascending in
    each row), a chunk of rows at a time: 12 bytes per pair and slot, and the solver
    copies it once more.
    """
    empty = np.zeros(0, dtype=np.int64)
    if not mentor.size:
        return empty, empty
    n_mentees = starts.size - 1
    used = np.zeros(int(mentor.max()) + 1, dtype=np.bool_)
    chunks = _chunks(starts)
    for first, end in chunks:
        used[mentor[starts[first] : starts[end]]] = True
    mentors = np.flatnonzero(used)
    n_slots = mentors.size * capacity
    nnz = mentor.size * capacity + n_mentees
    index = np.int32 if max(nnz, n_slots + n_mentees) <= np.iinfo(np.int32).max else np.int64
    column_of = (np.cumsum(used) - 1).astype(index)
    big = int(quarters.max()) + 1
    scale = n_mentees * (n_mentees - 1) // 2 + 1
    tie = big * scale * n_mentees < 2**52  # else too large to stay exact: no tie-break
    if not tie:
        scale = 1
    indptr: npt.NDArray[np.integer[Any]] = (starts * capacity + np.arange(n_mentees + 1)).astype(
        index
    )
    indices: npt.NDArray[np.integer[Any]] = np.empty(nnz, dtype=index)
    costs = np.empty(nnz, dtype=np.float64)
    sizes = np.diff(starts)
    for first, end in chunks:
        a, b = int(starts[first]), int(starts[end])
        rows = np.repeat(np.arange(first, end, dtype=np.int64), sizes[first:end])
        cost = ((big - quarters[a:b].astype(np.int64)) * scale + (rows if tie else 0)).astype(
            np.float64
        )
        # Pair j of row r comes after j earlier pairs' slots and r "unmatched" entries.
        at = np.arange(a, b, dtype=np.int64) * capacity + rows
        slot_zero = column_of[mentor[a:b]] * capacity
        for slot in range(capacity):
            indices[at + slot] = slot_zero + slot
            costs[at + slot] = cost
    unmatched = indptr[1:].astype(np.int64) - 1
    indices[unmatched] = n_slots + np.arange(n_mentees)
    costs[unmatched] = big * scale
    matrix = sparse.csr_array((costs, indices, indptr), shape=(n_mentees, n_slots + n_mentees))
    row_ind, col_ind = min_weight_full_bipartite_matching(matrix)
    taken = col_ind < n_slots
    return row_ind[taken].astype(np.int64), mentors[col_ind[taken] // capacity].astype(np.int64)
