import pytest

from tests.lintkit import LintRepo

PRACTICE = "mle/practices/pin-data.yaml"


@pytest.mark.parametrize(
    "fields",
    [{"superseded_by": "model-cards"}, {"deprecation_reason": "the tool was replaced"}],
)
def test_deprecated_practice_with_successor_or_reason_passes(
    lrepo: LintRepo, fields: dict[str, str]
) -> None:
    lrepo.edit(PRACTICE, status="deprecated", **fields)
    assert lrepo.codes("COP233") == []


@pytest.mark.parametrize("status", ["deprecated", "retired"])
def test_deprecated_or_retired_without_either_is_an_error(lrepo: LintRepo, status: str) -> None:
    lrepo.edit(PRACTICE, status=status)
    [finding] = lrepo.codes("COP233")
    assert finding.message == (
        f"{status} practice names no `superseded_by` and no `deprecation_reason`"
    )
