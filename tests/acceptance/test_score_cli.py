"""``copkit score`` and ``copkit report`` run as a user runs them, on real git repositories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ANN = ("Ann", "ann@example.org")
BOB = ("Bob", "bob@example.org")
CID = ("Cid", "cid@example.org")


def copkit(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "copkit", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def two_communities(repo_builder: Callable[[str], Any]) -> Any:
    """``busy`` has commits every month up to June 2024; ``quiet`` none since January 2023."""
    b = repo_builder("repo")
    people = [b.person(n, f"{n}@example.org") for n in ("ann", "bob", "cid")]
    members = [{"person": n, "level": "active"} for n in ("ann", "bob", "cid")]
    leads = [
        {"person": "ann", "role": "chair", "since": "2022-01-01", "successor": "cid"},
        {"person": "bob", "role": "co-lead", "since": "2022-01-01", "successor": "cid"},
    ]
    busy = b.community("busy", leads=leads, members=members, sponsor="cid")
    quiet = b.community("quiet", leads=leads, members=members, sponsor="cid")
    busy_practice = b.practice("busy-practice", "busy", "ann")
    quiet_practice = b.practice("quiet-practice", "quiet", "ann")
    b.commit("2023-01-05T10:00:00", ANN, *people, busy, quiet, busy_practice, quiet_practice)
    authors = [ANN, BOB, CID]
    for index, month in enumerate(range(1, 7)):
        b.commit(f"2024-{month:02d}-10T10:00:00", authors[index % 3], touch=(b.path_of(busy),))
        b.commit(
            f"2024-{month:02d}-20T10:00:00",
            authors[(index + 1) % 3],
            touch=(b.path_of(busy_practice),),
        )
    return b


def test_a_dormant_community_scores_lower_than_an_active_one(
    repo_builder: Callable[[str], Any],
) -> None:
    b = two_communities(repo_builder)
    result = copkit("score", b.root, "--format", "json", "--today", "2024-06-30")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)["communities"]
    assert data["busy"]["overall"] > data["quiet"]["overall"]
    # quiet: nobody committed in the window, so participation and frequency are 0 (known).
    vitality = {m["id"]: m["score"] for m in data["quiet"]["dimensions"]["vitality"]["measures"]}
    assert vitality["participation"] == 0.0
    assert vitality["frequency"] == 0.0


def test_table_explains_every_number_with_real_counts(repo_builder: Callable[[str], Any]) -> None:
    b = two_communities(repo_builder)
    result = copkit("score", b.root, "--today", "2024-06-30", "--community", "busy")
    assert result.returncode == 0, result.stderr
    # window 2024-04-02..06-30: six commits by ann, bob and cid, all three members.
    assert "3 of 3 members contributed in the last 90 days" in result.stdout
    assert "6 commits touched the community's files in the last 90 days" in result.stdout
    assert "quiet" not in result.stdout


def test_json_output_is_byte_identical_across_runs(repo_builder: Callable[[str], Any]) -> None:
    b = two_communities(repo_builder)
    first = copkit("score", b.root, "--format", "json", "--today", "2024-06-30")
    second = copkit("score", b.root, "--format", "json", "--today", "2024-06-30")
    assert first.returncode == 0
    assert first.stdout == second.stdout
    markdown = copkit("score", b.root, "--format", "markdown", "--today", "2024-06-30")
    assert markdown.stdout.startswith("# Community health")
    assert (
        markdown.stdout
        == copkit("score", b.root, "--format", "markdown", "--today", "2024-06-30").stdout
    )


def test_as_of_a_ref_equals_scoring_a_checkout_of_that_commit(
    repo_builder: Callable[[str], Any], tmp_path: Path
) -> None:
    b = two_communities(repo_builder)
    past = b.repo.head.commit.parents[0].parents[0].hexsha  # 2024-05-20
    # a later commit changes the files: the snapshot must not see it
    b.commit("2024-06-25T10:00:00", ANN, b.person("dan", "dan@example.org"))
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "-q", str(b.root), str(checkout)], check=True)
    subprocess.run(["git", "-C", str(checkout), "checkout", "-q", past], check=True)
    expected = copkit("score", checkout, "--format", "json", "--today", "2024-05-20")
    actual = copkit("score", b.root, "--format", "json", "--as-of", past)
    assert actual.returncode == 0, actual.stderr
    assert actual.stdout == expected.stdout
    assert json.loads(actual.stdout)["as_of"] == "2024-05-20"


def test_as_of_a_date_uses_the_last_commit_on_or_before_it(
    repo_builder: Callable[[str], Any],
) -> None:
    b = two_communities(repo_builder)
    by_date = copkit("score", b.root, "--format", "json", "--as-of", "2024-05-25")
    # the last commit on or before 2024-05-25 is the 2024-05-20 one (HEAD~2)
    by_ref = copkit(
        "score", b.root, "--format", "json", "--as-of", "HEAD~2", "--today", "2024-05-25"
    )
    assert by_date.returncode == 0, by_date.stderr
    assert by_date.stdout == by_ref.stdout


@pytest.mark.parametrize("ref", ["--output=/tmp/x", "no-such-branch", "-1"])
def test_bad_as_of_refs_are_usage_errors(repo_builder: Callable[[str], Any], ref: str) -> None:
    b = two_communities(repo_builder)
    result = copkit("score", b.root, f"--as-of={ref}")
    assert result.returncode == 2
    assert result.stderr.startswith("copkit: error: --as-of")
    assert "Traceback" not in result.stderr


def test_unknown_community_is_a_usage_error(repo_builder: Callable[[str], Any]) -> None:
    b = two_communities(repo_builder)
    result = copkit("score", b.root, "--community", "nope")
    assert result.returncode == 2
    assert "no such community (known: busy, quiet)" in result.stderr


def test_shallow_clone_reports_history_measures_as_unknown(
    repo_builder: Callable[[str], Any], tmp_path: Path
) -> None:
    b = two_communities(repo_builder)
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{b.root}", str(shallow)], check=True
    )
    result = copkit("score", shallow, "--format", "json", "--today", "2024-06-30")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["history"]["shallow"] is True
    busy = data["communities"]["busy"]
    vitality = busy["dimensions"]["vitality"]
    assert vitality["score"] is None
    for measure in vitality["measures"]:
        assert measure["score"] is None
        assert "shallow clone" in measure["unknown_reason"]
    bus = next(m for m in busy["dimensions"]["leadership"]["measures"] if m["id"] == "bus_factor")
    assert bus["score"] is None  # the boundary commit is never credited to anyone
    # vitality unknown: the overall is renormalised over the other three dimensions.
    dims = busy["dimensions"]
    known = [d for d in dims.values() if d["score"] is not None]
    expected = sum(d["weight"] * d["score"] for d in known) / sum(d["weight"] for d in known)
    assert busy["overall"] == round(expected, 1)
    assert any("renormalised" in note for note in busy["notes"])
    assert any("shallow clone" in note for note in busy["notes"])


def test_fail_under_exit_codes(repo_builder: Callable[[str], Any]) -> None:
    b = two_communities(repo_builder)
    scores = json.loads(copkit("score", b.root, "--format", "json", "--today", "2024-06-30").stdout)
    quiet = scores["communities"]["quiet"]["overall"]
    busy = scores["communities"]["busy"]["overall"]
    assert quiet < busy
    below_all = copkit("score", b.root, "--today", "2024-06-30", "--fail-under", quiet - 1)
    assert below_all.returncode == 0
    between = copkit("score", b.root, "--today", "2024-06-30", "--fail-under", busy - 1)
    assert between.returncode == 1
    assert f"quiet scores {quiet:.1f}, under --fail-under" in between.stderr
    assert "busy scores" not in between.stderr
    bad = copkit("score", b.root, "--fail-under", "101")
    assert bad.returncode == 2


def test_closed_communities_are_reported_but_not_failed(
    repo_builder: Callable[[str], Any],
) -> None:
    b = repo_builder("repo")
    b.commit(
        "2023-01-05T10:00:00",
        ANN,
        b.person("ann", "ann@example.org"),
        b.community("old", "closed", members=[{"person": "ann", "level": "core"}]),
    )
    result = copkit("score", b.root, "--format", "json", "--today", "2024-06-30")
    health = json.loads(result.stdout)["communities"]["old"]
    assert health["overall"] is not None
    assert health["overall"] < 50
    assert any("not checked by --fail-under" in note for note in health["notes"])
    assert copkit("score", b.root, "--today", "2024-06-30", "--fail-under", 90).returncode == 0


def test_without_git_history_measures_are_unknown_not_zero(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "data").mkdir(parents=True)
    (root / "copkit.yaml").write_text("apiVersion: copkit/v1\nkind: Config\ndata: data\n")
    (root / "data" / "ann.yaml").write_text(
        "apiVersion: copkit/v1\nkind: Person\nid: ann\nname: Ann\n"
    )
    (root / "data" / "ml.yaml").write_text(
        "apiVersion: copkit/v1\nkind: Community\nid: ml\nname: ML\nsummary: s\nstage: active\n"
        "sponsor: ann\nmembers:\n  - person: ann\n    level: core\n"
    )
    result = copkit("score", root, "--format", "json", "--today", "2024-06-30")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["history"]["available"] is False
    health = data["communities"]["ml"]
    assert health["dimensions"]["vitality"]["score"] is None
    sponsor = health["dimensions"]["leadership"]["measures"][3]
    assert (sponsor["id"], sponsor["score"]) == ("sponsor", 100.0)
    assert as_of_outside_git(root).returncode == 2


def as_of_outside_git(root: Path) -> subprocess.CompletedProcess[str]:
    return copkit("score", root, "--as-of", "HEAD")


def test_invalid_repository_exits_1_with_located_errors(tmp_path: Path) -> None:
    root = tmp_path / "bad"
    (root / "data").mkdir(parents=True)
    (root / "copkit.yaml").write_text("apiVersion: copkit/v1\nkind: Config\ndata: data\n")
    (root / "data" / "ml.yaml").write_text("apiVersion: copkit/v1\nkind: Community\nid: ml\n")
    result = copkit("score", root)
    assert result.returncode == 1
    assert "data/ml.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_compares_two_commits(repo_builder: Callable[[str], Any]) -> None:
    b = repo_builder("repo")
    people = [b.person(n, f"{n}@example.org") for n in ("ann", "bob", "cid")]
    ml = b.community(
        "ml",
        leads=[{"person": "ann", "role": "chair", "since": "2023-01-01"}],
        members=[{"person": "ann", "level": "core"}, {"person": "bob", "level": "active"}],
    )
    trial = b.practice("pairing", "ml", "ann", "trial")
    old = b.practice("old-way", "ml", "ann", "adopted")
    gauge = b.metric("gauge", "ml", target=10, observations=[{"date": "2023-01-01", "value": 2}])
    start = b.commit("2023-01-05T10:00:00", ANN, *people, ml, trial, old, gauge)
    ml_later = b.community(
        "ml",
        leads=[
            {"person": "ann", "role": "chair", "since": "2023-01-01"},
            {"person": "cid", "role": "co-lead", "since": "2023-03-01"},
        ],
        members=[{"person": "ann", "level": "core"}, {"person": "cid", "level": "active"}],
    )
    b.commit(
        "2023-04-01T10:00:00",
        BOB,
        ml_later,
        b.practice("pairing", "ml", "ann", "adopted"),
        b.practice("old-way", "ml", "ann", "deprecated", deprecation_reason="replaced"),
        b.practice("new-way", "ml", "bob", "draft"),
        b.metric(
            "gauge",
            "ml",
            target=10,
            observations=[{"date": "2023-01-01", "value": 2}, {"date": "2023-03-30", "value": 7}],
        ),
    )
    result = copkit("report", b.root, "--from", start, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    ml_change = data["communities"]["ml"]
    assert ml_change["practices"]["new"] == ["new-way"]
    assert ml_change["practices"]["promoted"] == ["pairing (trial -> adopted)"]
    assert ml_change["practices"]["deprecated"] == ["old-way"]
    assert ml_change["leads"] == {"joined": ["cid"], "left": []}
    assert ml_change["members"] == {"joined": ["cid"], "left": ["bob"]}
    assert ml_change["metrics"][0]["then"] == 2
    assert ml_change["metrics"][0]["now"] == 7
    then, now = ml_change["score"]["then"], ml_change["score"]["now"]
    assert then != now
    # impact: gauge 2/10 -> 7/10 and its trend improved
    assert any(reason.startswith("Impact 20.0 -> ") for reason in ml_change["reasons"])
    markdown = copkit("report", b.root, "--from", start)
    assert markdown.returncode == 0
    assert "- Practices promoted: pairing (trial -> adopted)" in markdown.stdout
    assert "- Leads joined: cid; left: none" in markdown.stdout
    assert "  - Gauge: 2 -> 7 count (target 10)" in markdown.stdout
    assert copkit("report", b.root, "--from", "--help=x").returncode == 2


def test_report_to_a_clean_checkout_reads_it_and_prints_what_a_snapshot_gives(
    repo_builder: Callable[[str], Any], tmp_path: Path
) -> None:
    """``--to`` the commit checked out, with no change: the work tree is read instead of a
    snapshot of it. The report must be byte for byte the one a snapshot gives: a clone
    with another commit checked out has to take a snapshot of the same commit."""
    from copkit.worktree import holds_commit

    b = two_communities(repo_builder)
    first = b.repo.git.rev_list("--max-parents=0", "HEAD")
    branch = b.repo.active_branch.name
    tip = b.repo.head.commit.hexsha
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(b.root), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", "--detach", "HEAD~1"], check=True)
    assert holds_commit(b.root, tip)
    assert not holds_commit(clone, tip)
    for output in ("json", "markdown"):
        in_place = copkit("report", b.root, "--from", first, "--to", branch, "--format", output)
        snapshot = copkit("report", clone, "--from", first, "--to", branch, "--format", output)
        assert in_place.returncode == 0, in_place.stderr
        assert in_place.stdout == snapshot.stdout
        assert f"({tip[:12]}, 2024-06-20)" in in_place.stdout or output == "json"


def test_report_to_a_checkout_with_changes_reads_the_commit_not_the_changes(
    repo_builder: Callable[[str], Any], tmp_path: Path
) -> None:
    b = two_communities(repo_builder)
    first = b.repo.git.rev_list("--max-parents=0", "HEAD")
    committed = copkit("report", b.root, "--from", first, "--to", "HEAD", "--format", "json")
    assert committed.returncode == 0, committed.stderr
    # Uncommitted: a new practice (untracked) and a renamed community (edited).
    changes = (b.practice("extra", "busy", "ann"), b.community("quiet", name="Renamed"))
    b.put(*changes)
    # Both points are snapshots now; both are gone when copkit has ended.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    argv = ["report", str(b.root), "--from", first, "--to", "HEAD", "--format", "json"]
    dirty = subprocess.run(
        [sys.executable, "-m", "copkit", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
        check=False,
    )
    assert dirty.returncode == 0, dirty.stderr
    assert dirty.stdout == committed.stdout
    assert list(temporary.iterdir()) == []
    # The same changes committed are seen: the test would notice them leaking in.
    b.commit("2024-06-28T10:00:00", ANN, *changes)
    after = json.loads(
        copkit("report", b.root, "--from", first, "--to", "HEAD", "--format", "json").stdout
    )
    assert after["communities"]["busy"]["practices"]["new"] == ["extra"]
    assert after["communities"]["quiet"]["name"] == "Renamed"


def test_as_of_and_report_work_in_a_subfolder_of_a_larger_repository(tmp_path: Path) -> None:
    """A monorepo keeping copkit's data in ``governance/``: the snapshot of a commit must
    be the subfolder's files (git archive was once run from inside it and found nothing)."""
    from tests.gitrepo import GitRepo

    git = GitRepo(tmp_path / "mono")
    person = "apiVersion: copkit/v1\nkind: Person\nid: ann\nname: Ann\nemails: [ann@example.org]\n"
    first = git.commit(
        "one",
        author=ANN,
        date="2024-01-10T10:00:00",
        files={
            "service/main.py": "print('hi')\n",
            "governance/copkit.yaml": "data: communities\n",
            "governance/communities/people/ann.yaml": person,
        },
    )
    git.commit(
        "two",
        author=ANN,
        date="2024-02-10T10:00:00",
        files={"governance/communities/people/ann.yaml": person.replace("Ann", "Ann B.")},
    )
    scored = copkit("score", git.root / "governance", "--as-of", first, "--format", "json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["as_of"] == "2024-01-10"
    report = copkit("report", git.root / "governance", "--from", first, "--to", "HEAD")
    assert report.returncode == 0, report.stderr
    assert f"({first[:12]}, 2024-01-10)" in report.stdout
