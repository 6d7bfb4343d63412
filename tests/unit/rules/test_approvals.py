from tests.lintkit import LintRepo

PRACTICE = "mle/practices/pin-data.yaml"


def test_two_approvals_from_non_owner_members_pass(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP230") == []
    assert lrepo.codes("COP231") == []


def test_one_approval_is_not_enough_for_adoption(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, approvals=[{"person": "bob", "date": "2026-01-10"}])
    [finding] = lrepo.codes("COP230")
    assert finding.message == (
        "adopted practice has 1 of 2 approvals needed from members of 'mle' who are not its owners"
    )


def test_owner_outsider_and_repeated_approvals_do_not_count(lrepo: LintRepo) -> None:
    lrepo.write(
        "people/zed.yaml",
        {"apiVersion": "copkit/v1", "kind": "Person", "id": "zed", "name": "Zed"},
    )
    lrepo.edit(
        PRACTICE,
        approvals=[
            {"person": "ada", "date": "2026-01-10"},  # owner
            {"person": "zed", "date": "2026-01-10"},  # not a member
            {"person": "bob", "date": "2026-01-10"},
            {"person": "bob", "date": "2026-01-12"},  # same person again
        ],
    )
    [finding] = lrepo.codes("COP230")
    assert "has 1 of 2 approvals" in finding.message


def test_trial_practices_need_no_approvals_unless_configured(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, status="trial", approvals=None)
    assert lrepo.codes("COP230") == []
    lrepo.config("lint:\n  options:\n    COP230: {min_approvals: 1, statuses: [trial]}\n")
    findings = lrepo.codes("COP230")
    # both trial practices (pin-data now, and model-cards) have no approvals
    assert sorted(f.path.rsplit("/", 1)[1] for f in findings) == [
        "model-cards.yaml",
        "pin-data.yaml",
    ]
    assert all("trial practice has 0 of 1" in f.message for f in findings)


def test_owner_approving_own_practice_is_an_error_at_the_approval(lrepo: LintRepo) -> None:
    approvals = [*lrepo.docs[PRACTICE]["approvals"], {"person": "ada", "date": "2026-01-12"}]
    lrepo.edit(PRACTICE, approvals=approvals)
    [finding] = lrepo.codes("COP231")
    assert finding.message == "'ada' approves a practice they own"
    lines = (lrepo.data / PRACTICE).read_text().splitlines()
    assert lines[finding.line - 1].strip() == "- person: ada"
