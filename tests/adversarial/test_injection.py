"""Injection: git revisions that look like options or shell syntax, and shells in src/.

Every place a user names a git revision (``--base``, ``--as-of``, ``report --from`` and
``--to``) must refuse such values as a usage error (exit 2) with a clear message, and
nothing they spell may run: the tests look for the files the payloads would create.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.adversarial.conftest import commit_all
from tests.adversarial.corpus import base_repository
from tests.adversarial.harness import run_inprocess

SRC = Path(__file__).resolve().parents[2] / "src"

PAYLOADS = [
    "--output=PWNED/out",
    "-c core.pager=touch PWNED/pager",
    "-ccore.pager=touch PWNED/pager2",
    "--upload-pack=touch PWNED/upload",
    "$(touch PWNED/dollar)",
    "HEAD;touch PWNED/semicolon",
    "`touch PWNED/backtick`",
    "HEAD|touch${IFS}PWNED/pipe",
    "HEAD&&touch PWNED/and",
    "HEAD\ntouch PWNED/newline",
    "HEAD\x00--output=PWNED/nul",
    "..",
    "",
]

OPTIONS = [
    ("lint", "--base"),
    ("check", "--base"),
    ("score", "--as-of"),
    ("report", "--from"),
    ("report", "--to"),
]


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection") / "repo"
    base_repository(root)
    commit_all(root, "first")
    commit_all(root, "second")
    return root


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c} {o}" for c, o in OPTIONS])
def test_option_like_or_shell_revisions_are_refused_and_run_nothing(
    repository: Path, command: str, option: str, tmp_path: Path
) -> None:
    pwned = tmp_path / "PWNED"
    pwned.mkdir()
    for payload in PAYLOADS:
        value = payload.replace("PWNED", str(pwned))
        args = [command, str(repository), f"{option}={value}"]
        if command == "report" and option == "--to":
            args.insert(2, "--from=HEAD")
        outcome = run_inprocess(args, cwd=tmp_path)
        assert "Traceback" not in outcome.output, outcome.output[-2000:]
        assert outcome.code == 2, (payload, outcome.output)
        message = outcome.stderr.strip().splitlines()[-1]
        assert message.startswith(("copkit: error:", "Error:")), message
        assert "is not a git revision" in message or "does not name a commit" in message, message
        assert list(pwned.iterdir()) == [], payload
    assert not (repository / "PWNED").exists()


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c} {o}" for c, o in OPTIONS])
def test_a_value_given_as_the_next_argument_is_refused_too(
    repository: Path, command: str, option: str, tmp_path: Path
) -> None:
    args = [command, str(repository), option, f"--output={tmp_path / 'x'}"]
    if command == "report" and option == "--to":
        args[2:2] = ["--from", "HEAD"]
    outcome = run_inprocess(args, cwd=tmp_path)
    assert "Traceback" not in outcome.output
    assert outcome.code == 2, outcome.output
    assert not (tmp_path / "x").exists()


def test_a_real_revision_still_works(repository: Path) -> None:
    outcome = run_inprocess(["report", str(repository), "--from=HEAD~1", "--to=HEAD"])
    assert outcome.code == 0, outcome.output


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str:
    function = call.func
    parts: list[str] = []
    while isinstance(function, ast.Attribute):
        parts.append(function.attr)
        function = function.value
    if isinstance(function, ast.Name):
        parts.append(function.id)
    return ".".join(reversed(parts))


def test_no_subprocess_in_src_runs_through_a_shell() -> None:
    """No ``shell=True`` (or any non-False ``shell``), no os.system / os.popen, and every
    subprocess command is an argument list, never one string for a shell to split."""
    problems: list[str] = []
    launchers = {"run", "Popen", "call", "check_call", "check_output", "getoutput"}
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 50
    seen_subprocess = 0
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for call in _calls(tree):
            name = _name(call)
            where = f"{file.relative_to(SRC)}:{call.lineno}"
            if name in {"os.system", "os.popen", "os.execl", "os.spawnl", "pty.spawn"}:
                problems.append(f"{where}: {name}")
            for keyword in call.keywords:
                if keyword.arg == "shell" and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    problems.append(f"{where}: shell={ast.unparse(keyword.value)}")
            if name.startswith("subprocess.") and name.split(".")[-1] in launchers:
                seen_subprocess += 1
                if name.endswith("getoutput") or (
                    call.args and isinstance(call.args[0], ast.Constant | ast.JoinedStr)
                ):
                    problems.append(f"{where}: {name} with a command string")
    assert seen_subprocess >= 5  # the scan does see the git calls it is meant to check
    assert problems == []
