"""Mentoring: mentors ahead of mentees, and a matching that is optimal, not greedy."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from copkit.network.mentors import _max_weight_assignment, candidate_pairs, match_mentors
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
