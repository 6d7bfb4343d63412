"""Mentoring: mentors ahead of mentees, and a matching that is optimal, not greedy."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copkit.network import mentors
from copkit.network.mentors import (
    _max_weight_assignment,
    candidate_pairs,
    match_mentors,
    mentoring_wishes,
)
from tests.unit.network.builders import community, org_graph, person


def greedy_total(weights: dict[tuple[str, str], float]) -> float:
    """Take the heaviest remaining pair while both ends are free (ties by ids)."""
    used: set[str] = set()
    total = 0.0
    for (mentor, mentee), weight in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if mentor not in used and mentee not in used:
            used.update((mentor, mentee))
            total += weight
    return total


def test_optimal_matching_beats_greedy(tmp_path: Path) -> None:
    # amy (expert) could mentor xia (new to python, gap 4: weight 2.0) or yon (proficient,
    # gap 1: weight 1.25); ben (proficient) can mentor only xia (gap 3: weight 1.75).
    # Greedy takes amy-xia (2.0) and leaves ben without a mentee: total 2.0.
    # The optimum pairs amy-yon and ben-xia: total 3.0.
    documents = {
        "people/amy.yaml": person("amy", skills={"python": "expert"}, mentors=["python"]),
        "people/ben.yaml": person("ben", skills={"python": "proficient"}, mentors=["python"]),
        "people/xia.yaml": person("xia", learning=["python"]),
        "people/yon.yaml": person("yon", skills={"python": "proficient"}, learning=["python"]),
    }
    graph = org_graph(tmp_path / "repo", documents)
    weights = {key: pair.weight for key, pair in candidate_pairs(graph).items()}
    assert weights == {("amy", "xia"): 2.0, ("amy", "yon"): 1.25, ("ben", "xia"): 1.75}
    assert greedy_total(weights) == 2.0

    matching = match_mentors(graph)
    assert [(p.mentor, p.mentee) for p in matching.pairs] == [("amy", "yon"), ("ben", "xia")]
    assert matching.total_weight == 3.0 > greedy_total(weights)
    assert matching.unmatched_mentees == ()
    assert matching.pairs[1].reason() == (
        "ben offers to mentor python at proficient level; xia wants to learn it (not yet declared)"
    )


def test_mentor_must_be_ahead_and_declare_the_skill(tmp_path: Path) -> None:
    documents = {
        # Same level as the mentee: not ahead.
        "people/amy.yaml": person("amy", skills={"sql": "working"}, mentors=["sql"]),
        # Offers but never declared the skill: cannot be shown to be ahead.
        "people/ben.yaml": person("ben", mentors=["sql"]),
        "people/cat.yaml": person("cat", skills={"sql": "working"}, learning=["sql"]),
    }
    matching = match_mentors(org_graph(tmp_path / "repo", documents))
    assert matching.pairs == ()
    assert matching.candidates == 0
    assert matching.unmatched_mentees == ("cat",)


def test_capacity_lets_a_mentor_take_several_mentees(tmp_path: Path) -> None:
    documents = {
        "people/amy.yaml": person("amy", skills={"rust": "expert"}, mentors=["rust"]),
        "people/bo.yaml": person("bo", learning=["rust"]),
        "people/cy.yaml": person("cy", learning=["rust"]),
        "people/di.yaml": person("di", learning=["rust"]),
    }
    graph = org_graph(tmp_path / "repo", documents)
    assert [p.mentee for p in match_mentors(graph).pairs] == ["bo"]
    assert [p.mentee for p in match_mentors(graph, capacity=2).pairs] == ["bo", "cy"]
    assert match_mentors(graph, capacity=2).unmatched_mentees == ("di",)


def test_shared_community_and_extra_skills_add_weight(tmp_path: Path) -> None:
    documents = {
        "people/amy.yaml": person(
            "amy", skills={"rust": "expert", "wasm": "working"}, mentors=["rust", "wasm"]
        ),
        "people/bo.yaml": person("bo", skills={"rust": "working"}, learning=["rust", "wasm"]),
        "people/cy.yaml": person("cy", skills={"sql": "working"}),
        "sys/sys.yaml": community("sys", members={"amy": "core", "bo": "active"}),
    }
    pair = candidate_pairs(org_graph(tmp_path / "repo", documents))[("amy", "bo")]
    # rust: expert over working, 2 levels; wasm: working over not declared, also 2 levels.
    # Equal gaps are ordered by skill id, so rust is the best skill and wasm comes "also".
    assert (pair.skill, pair.also, pair.shared_communities) == ("rust", ("wasm",), ("sys",))
    assert pair.weight == 1.0 + 0.25 * 2 + 0.25 + 0.5


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from("abcde"), st.sampled_from("vwxyz")),
        st.integers(min_value=1, max_value=40).map(lambda n: n / 4),
        max_size=18,
    )
)
def test_assignment_weight_equals_networkx_max_weight_matching(
    weights: dict[tuple[str, str], float],
) -> None:
    chosen = _max_weight_assignment(weights, capacity=1)
    assert len({m for m, _ in chosen}) == len(chosen) == len({e for _, e in chosen})
    reference: nx.Graph[str] = nx.Graph()
    for (mentor, mentee), weight in weights.items():
        reference.add_edge("m" + mentor, "e" + mentee, weight=weight)
    best = nx.max_weight_matching(reference)
    expected = sum(reference.edges[u, v]["weight"] for u, v in best)
    assert abs(sum(weights[pair] for pair in chosen) - expected) < 1e-9


LEVELS = ("novice", "working", "proficient", "expert")


def reference_candidates(graph: nx.MultiDiGraph[str]) -> dict[tuple[str, str], tuple[object, ...]]:
    """The possible pairs worked out one by one, as the documentation states the rule:
    (mentor, mentee) -> (weight, best skill, further skills, shared communities)."""
    levels: dict[str, dict[str, int]] = {}
    offers: dict[str, set[str]] = {}
    seeks: dict[str, set[str]] = {}
    belongs: dict[str, set[str]] = {}
    for source, target, relation, data in graph.edges(keys=True, data=True):
        who, what = source.partition(":")[2], target.partition(":")[2]
        if relation == "skill":
            levels.setdefault(who, {})[what] = LEVELS.index(data["level"])
        elif relation == "mentors":
            offers.setdefault(who, set()).add(what)
        elif relation == "learning":
            seeks.setdefault(who, set()).add(what)
        elif relation in ("member", "lead"):
            belongs.setdefault(who, set()).add(what)
    result: dict[tuple[str, str], tuple[object, ...]] = {}
    for mentor, offered in offers.items():
        for mentee, sought in seeks.items():
            if mentor == mentee:
                continue
            gaps = []
            for skill in offered & sought:
                ahead = levels.get(mentor, {}).get(skill, -1)
                behind = levels.get(mentee, {}).get(skill, -1)
                if ahead >= 0 and ahead > behind:
                    gaps.append((-(ahead - behind), skill))
            if not gaps:
                continue
            gaps.sort()
            shared = tuple(sorted(belongs.get(mentor, set()) & belongs.get(mentee, set())))
            weight = 1 - 0.25 * gaps[0][0] + 0.25 * (len(gaps) - 1) + (0.5 if shared else 0)
            result[(mentor, mentee)] = (weight, gaps[0][1], tuple(s for _, s in gaps[1:]), shared)
    return result


def brute_force_best(weights: dict[tuple[str, str], float], capacity: int) -> float:
    """The best total weight, by networkx's general maximum-weight matching on a graph
    with ``capacity`` copies of every mentor."""
    reference: nx.Graph[str] = nx.Graph()
    for (mentor, mentee), weight in weights.items():
        for copy in range(capacity):
            reference.add_edge(f"m:{mentor}:{copy}", f"e:{mentee}", weight=weight)
    best = nx.max_weight_matching(reference)
    return float(sum(reference.edges[u, v]["weight"] for u, v in best))


def random_organisation(root: Path, seed: int) -> nx.MultiDiGraph[str]:
    """16 people with random skills, offers and wishes, in two overlapping communities."""
    rng = random.Random(seed)
    skills = ["python", "rust", "sql", "wasm"]
    names = [f"p{n:02}" for n in range(16)]
    documents = {}
    for name in names:
        held = {s: rng.choice(LEVELS) for s in rng.sample(skills, rng.randint(0, 3))}
        documents[f"people/{name}.yaml"] = person(
            name,
            skills=held,
            mentors=sorted(s for s in held if rng.random() < 0.6),
            learning=sorted(s for s in skills if s not in held and rng.random() < 0.3)
            + sorted(s for s in held if held[s] != "expert" and rng.random() < 0.3),
        )
    documents["a/a.yaml"] = community("a", members=dict.fromkeys(rng.sample(names, 6), "active"))
    documents["b/b.yaml"] = community("b", members=dict.fromkeys(rng.sample(names, 5), "active"))
    return org_graph(root, documents)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vectorised_matching_equals_brute_force_on_random_organisations(
    tmp_path: Path, seed: int
) -> None:
    graph = random_organisation(tmp_path / "repo", seed)
    expected = reference_candidates(graph)
    found = candidate_pairs(graph)
    assert len(expected) > 10
    assert {
        key: (pair.weight, pair.skill, pair.also, pair.shared_communities)
        for key, pair in found.items()
    } == expected
    weights = {key: float(value[0]) for key, value in expected.items()}  # type: ignore[arg-type]
    for capacity in (1, 2):
        matching = match_mentors(graph, capacity=capacity)
        assert matching.candidates == len(expected)
        assert matching.total_weight == pytest.approx(brute_force_best(weights, capacity))
        mentees = [pair.mentee for pair in matching.pairs]
        assert len(mentees) == len(set(mentees))
        per_mentor = [pair.mentor for pair in matching.pairs]
        assert max(per_mentor.count(m) for m in per_mentor) <= capacity
        assert all(weights[(p.mentor, p.mentee)] == p.weight for p in matching.pairs)


@pytest.mark.parametrize("seed", [1, 2])
def test_working_in_small_chunks_gives_the_same_pairs_and_matching(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At scale the pairs are generated and written into the solver's matrix a chunk of
    # mentees at a time; these organisations are small enough to fit one chunk.
    graph = random_organisation(tmp_path / "repo", seed)
    whole = candidate_pairs(graph)
    matchings = [match_mentors(graph, capacity=capacity).to_dict() for capacity in (1, 2)]
    for chunk in (1, 2, 7):
        monkeypatch.setattr(mentors, "_CHUNK", chunk)
        assert candidate_pairs(graph) == whole
        assert [match_mentors(graph, capacity=c).to_dict() for c in (1, 2)] == matchings


def test_matching_from_the_wishes_alone_equals_matching_from_the_graph(tmp_path: Path) -> None:
    # copkit mentors keeps only the wishes, so that the graph can be freed first.
    graph = random_organisation(tmp_path / "repo", 4)
    for capacity in (1, 3):
        assert match_mentors(mentoring_wishes(graph), capacity=capacity) == match_mentors(
            graph, capacity=capacity
        )


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from("abcd"), st.sampled_from("qrstuvwxyz")),
        st.sampled_from([1.0, 1.25, 1.5]),
        max_size=24,
    ),
    st.integers(min_value=1, max_value=2),
)
def test_with_many_equal_weights_the_best_total_goes_to_the_earliest_mentees(
    weights: dict[tuple[str, str], float], capacity: int
) -> None:
    # Of the matchings with the largest total weight, the one chosen matches mentees
    # earliest by id: it maximises weight x scale - (rank of each matched mentee), with
    # scale above any sum of ranks. networkx solves that on integers, as the reference.
    chosen = _max_weight_assignment(weights, capacity=capacity)
    assert len({e for _, e in chosen}) == len(chosen)
    assert all([m for m, _ in chosen].count(m) <= capacity for m, _ in chosen)
    rank = {mentee: index for index, mentee in enumerate(sorted({e for _, e in weights}))}
    scale = len(rank) ** 2 + 1

    def score(pair: tuple[str, str]) -> int:
        return int(weights[pair] * 4) * scale - rank[pair[1]]

    reference: nx.Graph[str] = nx.Graph()
    for pair in weights:
        for copy in range(capacity):
            reference.add_edge(f"m:{pair[0]}:{copy}", f"e:{pair[1]}", weight=score(pair))
    best = nx.max_weight_matching(reference)
    assert sum(score(pair) for pair in chosen) == sum(
        reference.edges[u, v]["weight"] for u, v in best
    )
