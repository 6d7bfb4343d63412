import datetime as dt
import subprocess
from pathlib import Path

from tests.lintkit import LintRepo, commit_all


def test_files_changed_recently_are_fresh(lrepo: LintRepo) -> None:
    commit_all(lrepo.root, "start", dt.datetime(2026, 2, 1))
    assert lrepo.codes("COP243", history=True) == []


def test_living_files_untouched_for_over_a_year_are_stale(lrepo: LintRepo) -> None:
    commit_all(lrepo.root, "start", dt.datetime(2024, 6, 1))
    lrepo.edit("mle/practices/pin-data.yaml", next_review="2026-10-01")
    commit_all(lrepo.root, "review pin-data", dt.datetime(2026, 2, 1))
    findings = lrepo.codes("COP243", history=True)
    # 2024-06-01 .. 2026-03-01 is 638 days; pin-data was touched in 2026 and is fresh.
    assert sorted(f.path for f in findings) == [
        "communities/mle/metrics/models-shipped.yaml",
        "communities/mle/mle-charter.yaml",
        "communities/mle/practices/model-cards.yaml",
    ]
    assert all("638 days ago (2024-06-01), over 365" in f.message for f in findings)


def test_renamed_file_keeps_its_history(lrepo: LintRepo) -> None:
    commit_all(lrepo.root, "start", dt.datetime(2024, 6, 1))
    old = lrepo.data / "mle/practices/model-cards.yaml"
    new_dir = lrepo.data / "mle/trial"
    new_dir.mkdir()
    subprocess.run(["git", "-C", str(lrepo.root), "mv", str(old), str(new_dir)], check=True)
    commit_all(lrepo.root, "move", dt.datetime(2026, 2, 1))
    stale = {f.path for f in lrepo.codes("COP243", history=True)}
    # a rename is a change in git: the moved file counts as touched in 2026
    assert "communities/mle/trial/model-cards.yaml" not in stale
    assert "communities/mle/mle-charter.yaml" in stale


def test_without_git_history_the_rule_says_it_could_not_run(lrepo: LintRepo) -> None:
    findings = lrepo.lint(select=["COP243", "COP209"], history=True)
    assert [(f.code, f.path) for f in findings] == [("COP209", "copkit.yaml")]
    assert "COP243 could not run: not a git repository" in findings[0].message


def test_shallow_clone_reports_instead_of_guessing(lrepo: LintRepo, tmp_path: Path) -> None:
    commit_all(lrepo.root, "start", dt.datetime(2024, 6, 1))
    lrepo.edit("mle/practices/pin-data.yaml", next_review="2026-10-01")
    commit_all(lrepo.root, "later", dt.datetime(2026, 2, 1))
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{lrepo.root}", str(clone)], check=True
    )
    shallow = LintRepo.__new__(LintRepo)
    shallow.root, shallow.data, shallow.docs = clone, clone / "communities", {}
    findings = shallow.lint(select=["COP243", "COP209"], history=True)
    assert [f.code for f in findings] == ["COP209"]
    assert findings[0].message == "COP243 could not run: this is a shallow clone"
    assert "fetch-depth: 0" in (findings[0].hint or "")
