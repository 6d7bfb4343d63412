from tests.lintkit import LintRepo

COMMUNITY = "mle/mle.yaml"


def test_leads_listed_as_members_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP224") == []


def test_lead_missing_from_members_is_reported_at_the_lead(lrepo: LintRepo) -> None:
    members = [m for m in lrepo.docs[COMMUNITY]["members"] if m["person"] != "bob"]
    lrepo.edit(COMMUNITY, members=members)
    [finding] = lrepo.codes("COP224")
    assert finding.message == "lead 'bob' is not listed in `members`"
    document = (lrepo.data / COMMUNITY).read_text().splitlines()
    assert "person: bob" in document[finding.line - 1]
