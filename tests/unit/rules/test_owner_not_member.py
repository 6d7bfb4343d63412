from tests.lintkit import LintRepo

PRACTICE = "mle/practices/pin-data.yaml"


def test_owners_who_are_members_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP232") == []


def test_owner_outside_the_community_is_reported(lrepo: LintRepo) -> None:
    lrepo.write(
        "people/zed.yaml",
        {"apiVersion": "copkit/v1", "kind": "Person", "id": "zed", "name": "Zed"},
    )
    lrepo.edit(PRACTICE, owners=["ada", "zed"])
    [finding] = lrepo.codes("COP232")
    assert finding.message == "owner 'zed' is not a member of 'mle'"
    assert finding.severity == "warning"
