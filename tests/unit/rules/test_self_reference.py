from tests.lintkit import LintRepo

COMMUNITY = "mle/mle.yaml"
PRACTICE = "mle/practices/pin-data.yaml"


def test_clean_repository_has_no_self_references(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP210") == []


def test_community_related_to_itself_is_reported_at_the_entry(lrepo: LintRepo) -> None:
    lrepo.edit(COMMUNITY, related=["mle"])
    [finding] = lrepo.codes("COP210")
    assert finding.path == "communities/mle/mle.yaml"
    assert finding.message == "the community relates to itself"
    assert finding.severity == "error"


def test_practice_superseding_itself_is_reported_twice(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, supersedes=["pin-data"], superseded_by="pin-data")
    messages = sorted(f.message for f in lrepo.codes("COP210"))
    assert messages == ["the practice is superseded by itself", "the practice supersedes itself"]
