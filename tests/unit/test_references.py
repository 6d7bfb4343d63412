"""Every reference an entity makes: with locations, and the ids alone for resolving."""

from __future__ import annotations

from copkit.loader import load_repository
from copkit.references import referenced_ids, references
from tests.conftest import REPO_ROOT, RepoWriter, entity


def test_the_ids_alone_are_the_references_in_the_same_order_for_every_showcase_entity() -> None:
    repository = load_repository(REPO_ROOT).repository
    total = 0
    for item in repository.all_entities():
        expected = [(reference.target, reference.value) for reference in references(item)]
        assert referenced_ids(item) == expected
        total += len(expected)
    assert total > 500  # the showcase refers a lot: the comparison covered real shapes


def test_an_unknown_reference_is_still_reported_where_it_is_written(repo: RepoWriter) -> None:
    repo.write(
        "mle/practices/review.yaml",
        entity(
            "Practice",
            "review",
            title="Review every model",
            community="mle",
            owners=["ada"],
            status="adopted",
            summary="A second pair of eyes.",
            approvals=[
                {"person": "bob", "date": "2026-01-10"},
                {"person": "carol", "date": "2026-01-11"},
            ],
        ),
    )
    result = load_repository(repo.root)
    unknown = [f for f in result.findings.sorted() if f.code == "COP108"]
    assert [(f.path, f.message, f.line) for f in unknown] == [
        ("communities/mle/practices/review.yaml", "unknown person 'carol'", 13)
    ]
