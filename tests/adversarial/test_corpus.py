"""Every command against every adversarial input: a located message, exit 1, no traceback,
no hang, and the user's files exactly as they were.

``copkit validate`` pins the one finding each input must give. The other commands must
refuse the same input cleanly (the finding's file named in their output) without
touching the repository. The matrix runs ``main()`` in-process for speed; the combined
corpus at the end goes through the real ``copkit`` entry point in fresh processes.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial.conftest import commit_all
from tests.adversarial.corpus import CASES, Case
from tests.adversarial.harness import (
    Outcome,
    commands,
    run_inprocess,
    run_real,
    tree_digest,
    unchanged,
)

IDS = [case.name for case in CASES]
READ_ONLY = ("validate", "lint", "check", "score", "report", "fmt", "export", "codeowners")
READ_ONLY += ("experts", "mentors", "gaps", "network")
"""Commands that read the repository and must refuse it, naming the bad file."""


def no_traceback(outcome: Outcome, what: str) -> None:
    assert "Traceback" not in outcome.output, f"{what}:\n{outcome.output[-3000:]}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_command_on_the_input(
    case: Case, make_case: Callable[[Case], Path], tmp_path: Path
) -> None:
    root = make_case(case)
    outside = tmp_path / "out"
    outside.mkdir()
    failures: list[str] = []
    validated: list[dict[str, object]] = []
    for name, args in commands(root, outside).items():
        if name in ("build", "new"):
            continue  # build: below, on a representative set; new: writes by design
        before = tree_digest(root)
        outcome = run_inprocess(args)
        after = tree_digest(root)
        if "Traceback" in outcome.output:
            failures.append(f"{name}: traceback\n{outcome.output[-2000:]}")
        if before != after:
            failures.append(f"{name}: changed the repository's files")
        if name == "validate":
            failures += _located(case, outcome)
            validated = json.loads(outcome.stdout)
        expected = {0} if name == "rules" else {1}
        if name == "fmt":  # fmt reads YAML, not meaning: only unreadable files must fail it
            expected = {1} if _unreadable(case) else {0, 1}
        if outcome.code not in expected:
            failures.append(f"{name}: exit {outcome.code}, not {expected}\n{outcome.output[-500:]}")
        names_it = name in READ_ONLY and name not in ("report", "validate")
        if name == "fmt":
            names_it = _unreadable(case)
        if names_it and case.path not in outcome.output:
            failures.append(f"{name}: does not name {case.path}\n{outcome.output[-500:]}")
    assert not failures, "\n".join(failures)
    _new_adds_only_its_file(root)
    _fmt_leaves_broken_files_and_keeps_values(root, validated)


def _unreadable(case: Case) -> bool:
    """YAML that cannot be read (fmt must refuse it); links are not fmt's business."""
    return case.code < "COP100" and case.code != "COP009"


def _located(case: Case, outcome: Outcome) -> list[str]:
    """The finding ``case`` pins: its code, file, line and message, on one line."""
    everything = json.loads(outcome.stdout)
    findings = [f for f in everything if f["path"] == case.path]
    if {f["code"] for f in findings} != {case.code}:
        return [f"validate: expected {case.code} on {case.path}, got {everything[:5]}"]
    finding = next((f for f in findings if case.fragment in f["message"]), None)
    if finding is None:
        return [f"validate: no message with {case.fragment!r}: {findings[:3]}"]
    if case.line and finding["line"] != case.line:
        return [f"validate: line {finding['line']}, not {case.line}"]
    if "\n" in finding["message"]:
        return ["validate: the message is not one line"]
    return []


def _new_adds_only_its_file(root: Path) -> None:
    before = tree_digest(root)
    outcome = run_inprocess(["new", "person", "zed-new", "--path", str(root)])
    no_traceback(outcome, "new")
    after = tree_digest(root)
    assert set(after) - set(before) <= {"communities/people/zed-new.yaml"}
    assert {path: after[path] for path in before} == before
    (root / "communities/people/zed-new.yaml").unlink(missing_ok=True)


def _fmt_leaves_broken_files_and_keeps_values(
    root: Path, findings_before: list[dict[str, object]]
) -> None:
    """``fmt`` (writing) leaves unreadable files byte-identical; the rest means the same."""
    broken = {str(f["path"]) for f in findings_before if str(f["code"]) < "COP100"}
    before = tree_digest(root)
    outcome = run_inprocess(["fmt", str(root)])
    no_traceback(outcome, "fmt")
    after = tree_digest(root)
    assert set(after) == set(before), "fmt added or removed files"
    for path in broken:
        assert after.get(path) == before.get(path), f"fmt rewrote the broken file {path}"
    assert _codes(_findings(root)) == _codes(findings_before)


@pytest.mark.parametrize(
    "name", ["rtl-name", "zero-width-id", "million-chars", "symlink-loop", "crlf"]
)
def test_build_refuses_invalid_data_in_strict_mode_and_keeps_the_tree(
    name: str, make_case: Callable[[Case], Path], tmp_path: Path
) -> None:
    case = next(case for case in CASES if case.name == name)
    root = make_case(case)
    with unchanged(root):
        outcome = run_inprocess(["build", str(root), "--strict", "-d", str(tmp_path / "site")])
    no_traceback(outcome, "build")
    assert outcome.code == 1, outcome.output
    assert case.path in outcome.output
    assert not (tmp_path / "site").exists()


def test_the_whole_corpus_at_once_through_the_real_entry_point(
    base_template: Path, tmp_path: Path
) -> None:
    """Every input in one repository, every command as a fresh ``copkit`` process."""
    root = tmp_path / "repo"
    shutil.copytree(base_template, root, symlinks=True)
    small = [case for case in CASES if not case.big]
    for case in small:
        case.setup(root)
    commit_all(root)
    outside = tmp_path / "out"
    outside.mkdir()
    validate = run_real(["validate", str(root), "--format", "json"])
    no_traceback(validate, "validate")
    assert validate.code == 1
    reported = {(f["path"], f["code"]) for f in json.loads(validate.stdout)}
    assert {(case.path, case.code) for case in small} <= reported
    for name, args in commands(root, outside).items():
        if name == "new":
            continue
        with unchanged(root):
            outcome = run_real(args)
        no_traceback(outcome, name)
        # A build without --strict publishes what is valid and warns about the rest.
        expected = 0 if name in ("rules", "build") else 1
        assert outcome.code == expected, (name, outcome.output[-800:])
        if name == "build":
            assert "communities/people/bad.yaml:3:3: COP001" in outcome.output
        assert len(outcome.output) < 20_000_000


def test_a_usage_error_is_exit_2_through_the_real_entry_point(tmp_path: Path) -> None:
    outcome = run_real(["validate", str(tmp_path / "missing"), "--format", "yaml"])
    assert outcome.code == 2
    no_traceback(outcome, "validate")
    assert sys.executable  # the entry point ran under this interpreter


def _findings(root: Path) -> list[dict[str, object]]:
    outcome = run_inprocess(["validate", str(root), "--format", "json"])
    no_traceback(outcome, "validate")
    findings: list[dict[str, object]] = json.loads(outcome.stdout)
    return findings


def _codes(findings: list[dict[str, object]]) -> list[tuple[object, object]]:
    return sorted((f["path"], f["code"]) for f in findings)
