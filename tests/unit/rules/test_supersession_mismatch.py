from tests.lintkit import LintRepo

OLD = "mle/practices/pin-data.yaml"
NEW = "mle/practices/model-cards.yaml"


def test_both_sides_written_passes(lrepo: LintRepo) -> None:
    lrepo.edit(OLD, status="deprecated", superseded_by="model-cards")
    lrepo.edit(NEW, supersedes=["pin-data"])
    assert lrepo.codes("COP211") == []


def test_only_superseded_by_written_is_reported_on_the_old_practice(lrepo: LintRepo) -> None:
    lrepo.edit(OLD, status="deprecated", superseded_by="model-cards")
    [finding] = lrepo.codes("COP211")
    assert finding.path == "communities/" + OLD
    assert "does not list 'pin-data'" in finding.message


def test_only_supersedes_written_is_reported_on_the_new_practice(lrepo: LintRepo) -> None:
    lrepo.edit(NEW, supersedes=["pin-data"])
    [finding] = lrepo.codes("COP211")
    assert finding.path == "communities/" + NEW
    assert "whose `superseded_by` is None" in finding.message
