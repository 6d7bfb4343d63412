"""Git repositories in unusual states: every history-reading command copes, or says why not.

Detached HEAD, no commits yet, a shallow clone, a commit whose author has no e-mail, a
merge commit, a rename, and no ``git`` at all. None may give a traceback; history that
cannot be had is reported as unknown (score, build) or as a one-line error naming the
problem (report, --as-of, --base).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.adversarial.conftest import commit_all, git
from tests.adversarial.corpus import base_repository
from tests.adversarial.harness import Outcome, run_inprocess, run_real

BOB = "communities/people/bob.yaml"


def change(root: Path, relative: str, line: str) -> None:
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def clean(outcome: Outcome) -> Outcome:
    assert "Traceback" not in outcome.output, outcome.output[-3000:]
    return outcome


@pytest.fixture
def two_commits(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    base_repository(root)
    commit_all(root, "first")
    change(root, BOB, "unit: platform")
    commit_all(root, "second")
    return root


def test_no_commits_yet_scores_history_as_unknown_and_refuses_refs(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    base_repository(root)
    git(root, "init", "-q", "-b", "main")
    score = clean(run_inprocess(["score", str(root), "--today", "2026-06-01"]))
    assert score.code == 0
    assert "history: the git repository has no commits yet" in score.output
    for args in (
        ["report", str(root), "--from", "HEAD"],
        ["score", str(root), "--as-of", "HEAD"],
        ["lint", str(root), "--base", "main"],
    ):
        outcome = clean(run_inprocess(args))
        assert outcome.code == 2, (args, outcome.output)
        assert "'HEAD' does not name a commit" in outcome.output or "'main'" in outcome.output


def test_detached_head_reads_history_up_to_the_checked_out_commit(two_commits: Path) -> None:
    git(two_commits, "checkout", "-q", "--detach", "HEAD~1")
    score = clean(run_inprocess(["score", str(two_commits), "--today", "2026-06-01"]))
    assert score.code == 0
    assert score.output.splitlines()[0].endswith("history: complete")
    report = clean(run_inprocess(["report", str(two_commits), "--from", "HEAD", "--to", "main"]))
    assert report.code == 0, report.output
    lint = clean(run_inprocess(["lint", str(two_commits), "--base", "main"]))
    assert lint.code in (0, 1)


def test_shallow_clone_scores_unknown_and_says_why_a_ref_is_missing(
    two_commits: Path, tmp_path: Path
) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{two_commits}", str(shallow))
    score = clean(run_inprocess(["score", str(shallow), "--today", "2026-06-01"]))
    assert score.code == 0
    assert "shallow clone; history-based measures are unknown" in score.output
    for args in (
        ["report", str(shallow), "--from", "HEAD~1"],
        ["lint", str(shallow), "--base", "HEAD~1"],
    ):
        outcome = clean(run_inprocess(args))
        assert outcome.code == 2
        assert "'HEAD~1' does not name a commit" in outcome.output
        assert "the clone is shallow" in outcome.output


def test_author_without_email_merge_and_rename_are_read(two_commits: Path) -> None:
    root = two_commits
    change(root, "communities/people/ada.yaml", "unit: research")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "no e-mail", "--author", "Nobody <>")
    assert "Nobody|" in git(root, "log", "-1", "--format=%an|%ae")
    git(root, "checkout", "-q", "-b", "side", "HEAD~1")
    git(root, "mv", "communities/mle/practices/pin-data.yaml", "communities/mle/pin-data.yaml")
    commit_all(root, "rename")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    assert len(git(root, "log", "-1", "--format=%P").split()) == 2
    score = clean(run_inprocess(["score", str(root), "--today", "2026-06-01"]))
    assert score.code == 0
    assert score.output.splitlines()[0].endswith("history: complete")
    report = clean(run_inprocess(["report", str(root), "--from", "HEAD~2"]))
    assert report.code == 0, report.output
    lint = clean(run_inprocess(["lint", str(root), "--base", "HEAD~2", "--changed-only"]))
    assert lint.code in (0, 1)


def test_without_git_history_commands_say_so_and_exit_1(two_commits: Path, tmp_path: Path) -> None:
    """No ``git`` on PATH: a fault of the machine (exit 1), not a usage error (exit 2)."""
    env = {**os.environ, "PATH": str(tmp_path / "empty-bin")}
    for args in (
        ["report", str(two_commits), "--from", "HEAD~1"],
        ["score", str(two_commits), "--as-of", "HEAD"],
        ["lint", str(two_commits), "--base", "HEAD~1"],
        ["check", str(two_commits), "--base", "HEAD~1"],
    ):
        outcome = clean(run_real(args, env=env))
        assert outcome.code == 1, (args, outcome.output)
        assert outcome.stderr.strip().splitlines()[-1] == (
            "copkit: error: git is not installed (no `git` on PATH)"
        )
    score = clean(run_real(["score", str(two_commits)], env=env))
    assert score.code == 0
    assert "git is not installed" in score.output
    build = clean(run_real(["build", str(two_commits), "-d", str(tmp_path / "site")], env=env))
    assert build.code == 0, build.output
    assert "copkit: note: built without git history: git is not installed" in build.stderr
    assert (tmp_path / "site" / "index.html").is_file()
