from pathlib import Path

import pytest

from copkit.repository import Repository
from copkit.rules.transitions import practice_move_allowed, stage_move_allowed
from tests.lintkit import LintRepo

PRACTICE = "mle/practices/pin-data.yaml"
COMMUNITY = "mle/mle.yaml"


@pytest.fixture
def base(tmp_path: Path) -> Repository:
    return LintRepo(tmp_path / "base").load()


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("draft", "proposed", True),
        ("proposed", "trial", True),
        ("trial", "adopted", True),
        ("adopted", "deprecated", True),
        ("deprecated", "retired", True),
        ("trial", "deprecated", True),
        ("draft", "deprecated", True),
        ("draft", "adopted", False),
        ("trial", "retired", False),
        ("adopted", "trial", False),
        ("retired", "deprecated", False),
        ("adopted", "adopted", True),
    ],
)
def test_practice_moves(old: str, new: str, allowed: bool) -> None:
    assert practice_move_allowed(old, new) is allowed


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        ("potential", "coalescing", True),
        ("active", "coalescing", True),
        ("active", "closed", True),
        ("potential", "active", False),
        ("coalescing", "stewardship", False),
        ("closed", "transforming", True),
        ("closed", "active", False),
    ],
)
def test_stage_moves(old: str, new: str, allowed: bool) -> None:
    assert stage_move_allowed(old, new) is allowed


def test_transition_rules_need_a_base(lrepo: LintRepo) -> None:
    lrepo.edit(PRACTICE, status="retired", deprecation_reason="gone")
    assert lrepo.codes("COP260") == []


def test_trial_to_retired_jump_is_an_error(lrepo: LintRepo, base: Repository) -> None:
    lrepo.edit("mle/practices/model-cards.yaml", status="retired", deprecation_reason="gone")
    [finding] = lrepo.codes("COP260", base=base)
    assert finding.message == "status moves from 'trial' to 'retired', skipping the lifecycle"
    assert finding.hint == "allowed from 'trial': 'adopted', 'deprecated'"


def test_one_step_forward_passes(lrepo: LintRepo, base: Repository) -> None:
    lrepo.edit(PRACTICE, status="deprecated", deprecation_reason="replaced")
    assert lrepo.codes("COP260", base=base) == []


def test_new_practice_may_start_anywhere(lrepo: LintRepo, base: Repository) -> None:
    document = dict(lrepo.docs[PRACTICE], id="brand-new")
    lrepo.write("mle/practices/brand-new.yaml", document)
    assert lrepo.codes("COP260", base=base) == []


def test_revived_retired_practice_is_its_own_error(lrepo: LintRepo, tmp_path: Path) -> None:
    old = LintRepo(tmp_path / "old")
    old.edit(PRACTICE, status="retired", deprecation_reason="gone")
    base = old.load()
    lrepo.edit(PRACTICE, status="trial")
    [finding] = lrepo.codes("COP262", base=base)
    assert finding.message == "retired practice is revived as 'trial'"
    assert lrepo.codes("COP260", base=base) == []


def test_community_jumping_stages_is_an_error(lrepo: LintRepo, tmp_path: Path) -> None:
    old = LintRepo(tmp_path / "old")
    old.edit(COMMUNITY, stage="potential")
    base = old.load()
    [finding] = lrepo.codes("COP261", base=base)
    assert finding.message == "stage moves from 'potential' to 'active', skipping stages"
