import pytest

from tests.lintkit import LintRepo

COMMUNITY = "mle/mle.yaml"


def test_active_community_with_every_gate_passes(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP250") == []


@pytest.mark.parametrize(
    ("change", "needs"),
    [
        ({"meetings": None}, "a meeting rhythm"),
        ({"channels": None}, "at least one channel"),
    ],
)
def test_each_missing_gate_is_one_finding(
    lrepo: LintRepo, change: dict[str, None], needs: str
) -> None:
    lrepo.edit(COMMUNITY, **change)
    [finding] = lrepo.codes("COP250")
    assert finding.message.startswith(f"an active community needs {needs}")


def test_missing_charter_is_a_gate(lrepo: LintRepo) -> None:
    lrepo.remove("mle/mle-charter.yaml")
    [finding] = lrepo.codes("COP250")
    assert "a charter" in finding.message


def test_potential_community_has_no_gates(lrepo: LintRepo) -> None:
    lrepo.remove("mle/mle-charter.yaml")
    lrepo.edit(COMMUNITY, stage="potential", meetings=None, channels=None)
    assert lrepo.codes("COP250") == []


def test_gates_are_configurable(lrepo: LintRepo) -> None:
    lrepo.config("lint:\n  options:\n    COP250:\n      gates: {active: [sponsor]}\n")
    [finding] = lrepo.codes("COP250")
    assert finding.message == "an active community needs a sponsor (`sponsor:`)"


def test_closed_community_with_adopted_practice_is_reported(lrepo: LintRepo) -> None:
    assert lrepo.codes("COP251") == []
    lrepo.edit(COMMUNITY, stage="closed")
    findings = lrepo.codes("COP251")
    assert sorted(f.message for f in findings) == [
        "adopted practice belongs to closed community 'mle'",
        "trial practice belongs to closed community 'mle'",
    ]
