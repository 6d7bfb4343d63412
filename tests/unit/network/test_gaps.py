"""Gaps: skills a community needs that fewer than N members hold; single holders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copkit.network.gaps import find_gaps
from tests.conftest import entity
from tests.unit.network.builders import community, org_graph, person, practice


def organisation() -> dict[str, dict[str, Any]]:
    return {
        "people/ada.yaml": person("ada", skills={"python": "expert", "sql": "novice"}),
        "people/bob.yaml": person("bob", skills={"python": "working", "fairness": "expert"}),
        "people/cy.yaml": person("cy", skills={"sql": "proficient"}),
        "mle/mle.yaml": community("mle", members={"ada": "core", "bob": "active"}),
        "mle/practices/typed-pipelines.yaml": practice(
            "typed-pipelines", "mle", owners=["ada"], skills=["python", "sql"]
        ),
        "mle/charter.yaml": entity(
            "Charter",
            "charter",
            community="mle",
            version="1.0",
            mission="Ship models safely, with fairness auditing before every launch.",
            in_scope=["Feature stores"],
            review_date="2027-01-01",
        ),
    }


def test_skills_needed_but_rarely_held_are_gaps(tmp_path: Path) -> None:
    report = find_gaps(org_graph(tmp_path / "repo", organisation()))
    [mle] = report.communities
    assert mle.community == "mle"
    assert mle.members == 2
    # python: ada and bob hold it -> no gap. sql: ada is only a novice, cy is not a
    # member -> nobody. fairness: named by the charter, bob alone holds it.
    assert [(gap.skill, gap.holders, gap.needed_by) for gap in mle.gaps] == [
        ("fairness", ("bob",), ("charter",)),
        ("sql", (), ("typed-pipelines",)),
    ]
    assert report.for_community("mle") is mle
    assert report.for_community("other") is None


def test_min_holders_sets_the_bar(tmp_path: Path) -> None:
    report = find_gaps(org_graph(tmp_path / "repo", organisation()), min_holders=1)
    assert [gap.skill for gap in report.communities[0].gaps] == ["sql"]
    report = find_gaps(org_graph(tmp_path / "repo2", organisation()), min_holders=3)
    assert [gap.skill for gap in report.communities[0].gaps] == ["fairness", "python", "sql"]


def test_skills_held_by_only_one_person_are_at_risk(tmp_path: Path) -> None:
    report = find_gaps(org_graph(tmp_path / "repo", organisation()))
    # python has two holders; sql counts cy only (ada is a novice); fairness bob only.
    assert [(s.skill, s.person, s.level, s.needed_by) for s in report.single_holders] == [
        ("fairness", "bob", "expert", ("mle",)),
        ("sql", "cy", "proficient", ("mle",)),
    ]


def test_closed_communities_have_no_gaps(tmp_path: Path) -> None:
    documents = organisation()
    documents["mle/mle.yaml"] = community(
        "mle", members={"ada": "core", "bob": "active"}, stage="closed"
    )
    assert find_gaps(org_graph(tmp_path / "repo", documents)).communities == ()
