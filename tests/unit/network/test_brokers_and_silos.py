"""Brokers bridge communities; silos share nothing with any other."""

from __future__ import annotations

from pathlib import Path

import pytest

from copkit.network import brokers
from copkit.network.brokers import find_brokers
from copkit.network.silos import find_silos
from tests.unit.network.builders import community, org_graph, person, practice


def three_communities() -> dict[str, dict[str, object]]:
    people = {f"people/{p}.yaml": person(p) for p in ("ann", "bea", "cal", "dan", "eve", "fay")}
    return {
        **people,
        # cal alone belongs to both a and b; eve and fay are on their own in c.
        "a/a.yaml": community("a", members={"ann": "core", "bea": "active", "cal": "active"}),
        "b/b.yaml": community("b", members={"dan": "core", "cal": "peripheral"}),
        "c/c.yaml": community("c", members={"eve": "core", "fay": "core"}),
    }


def test_person_bridging_two_communities_is_the_top_broker(tmp_path: Path) -> None:
    report = find_brokers(org_graph(tmp_path / "repo", three_communities()))
    assert report.method == "exact"
    assert [broker.person for broker in report.brokers] == ["cal"]
    assert report.brokers[0].communities == ("a", "b")
    assert report.brokers[0].reason() == "links 2 communities: a, b"


def test_large_graphs_use_seeded_sampling_and_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = org_graph(tmp_path / "repo", three_communities())
    monkeypatch.setattr(brokers, "EXACT_LIMIT", 3)
    monkeypatch.setattr(brokers, "SAMPLES", 8)
    first, second = find_brokers(graph), find_brokers(graph)
    assert (first.method, first.samples, first.seed) == ("approximate", 8, brokers.SEED)
    assert first == second
    assert first.brokers[0].person == "cal"


def test_isolated_community_is_a_silo(tmp_path: Path) -> None:
    silos = find_silos(org_graph(tmp_path / "repo", three_communities()))
    assert [(silo.community, silo.members) for silo in silos] == [("c", 2)]


def test_superseding_another_communitys_practice_links_communities(tmp_path: Path) -> None:
    documents = three_communities()
    documents["a/practices/old-way.yaml"] = practice("old-way", "a", owners=["ann"])
    documents["c/practices/new-way.yaml"] = practice(
        "new-way", "c", owners=["eve"], supersedes=["old-way"]
    )
    assert find_silos(org_graph(tmp_path / "repo", documents)) == ()
