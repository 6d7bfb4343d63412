"""Rule plugins: real packages installed with pip, found through the copkit.rules entry points."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.lintkit import LintRepo

PLUGIN_RULES = '''
from copkit.rules import LintContext, Rule


class LongTitleRule(Rule):
    """Practice titles fit in a catalog row.

    Rationale:
        Acme's catalog shows titles on one line of 30 characters.

    Fix:
        Shorten the title.
    """

    code = "ACP100"
    name = "long-title"
    default_severity = "warning"

    def check(self, context: LintContext):
        for practice in context.repository.practices.values():
            if len(practice.title) > 15:
                yield self.at(context, practice, ("title",), f"title of {practice.id} is long")


RULES = [LongTitleRule]
'''


def _package(root: Path, name: str, module: str, source: str, target: str) -> Path:
    """A wheel of a one-module distribution with a ``copkit.rules`` entry point.

    Written directly (a wheel is a zip with a ``.dist-info`` folder), so the test needs no
    build backend; pip installs it like any wheel from an index.
    """
    dist = name.replace("-", "_")
    info = f"{dist}-1.0.dist-info"
    files = {
        f"{module}/__init__.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: copkit-tests\n"
        "Root-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": f"[copkit.rules]\n{module} = {target}\n",
    }
    records = []
    for path, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        records.append(f"{path},sha256={digest},{len(data)}")
    files[f"{info}/RECORD"] = "\n".join([*records, f"{info}/RECORD,,"]) + "\n"
    wheel = root / f"{dist}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def _install(wheel: Path, target: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )  # fmt: skip
    return target


@pytest.fixture(scope="module")
def plugins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("plugins")
    good = _package(root, "acme-copkit-rules", "acme_rules", PLUGIN_RULES, "acme_rules:RULES")
    broken = _package(
        root, "broken-copkit-rules", "broken_rules", "import acme_missing_dependency\n",
        "broken_rules:RULES",
    )  # fmt: skip
    clash = _package(
        root,
        "clashing-copkit-rules",
        "clashing_rules",
        PLUGIN_RULES.replace('"ACP100"', '"COP230"'),
        "clashing_rules:RULES",
    )
    return {
        "good": _install(good, root / "site-good"),
        "broken": _install(broken, root / "site-broken"),
        "clash": _install(clash, root / "site-clash"),
    }


def copkit(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "src"), str(site)])}
    return subprocess.run(
        [sys.executable, "-m", "copkit", *args],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


def test_rules_lists_the_plugin_rule_with_its_distribution(
    plugins: dict[str, Path], tmp_path: Path
) -> None:
    result = copkit(plugins["good"], "rules", "--repository", str(tmp_path))
    assert result.returncode == 0, result.stderr
    sources = {line.split()[0]: line.split()[3] for line in result.stdout.splitlines()}
    assert sources["ACP100"] == "acme-copkit-rules"
    assert sources["COP230"] == "copkit"
    explained = copkit(plugins["good"], "rules", "ACP100", "--repository", str(tmp_path))
    assert explained.stdout.startswith("ACP100 long-title (warning)\nSource: acme-copkit-rules\n")


def test_plugin_rule_runs_like_a_builtin_one(plugins: dict[str, Path], tmp_path: Path) -> None:
    lrepo = LintRepo(tmp_path / "repo")
    expected = []
    for relative in ("mle/practices/model-cards.yaml", "mle/practices/pin-data.yaml"):
        lines = (lrepo.data / relative).read_text().splitlines()
        line = next(i for i, text in enumerate(lines, 1) if text.startswith("title:"))
        expected.append(("ACP100", f"communities/{relative}", line))
    args = ["lint", str(lrepo.root), "--today", "2026-03-01"]
    found = json.loads(copkit(plugins["good"], *args, "--format", "json").stdout)
    assert [(f["code"], f["path"], f["line"]) for f in found if f["code"] == "ACP100"] == expected
    sarif = json.loads(copkit(plugins["good"], *args, "--format", "sarif").stdout)
    assert "ACP100" in [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    lrepo.config("lint:\n  ignore: [long-title]\n")
    found = json.loads(copkit(plugins["good"], *args, "--format", "json").stdout)
    assert "ACP100" not in [f["code"] for f in found]
    # Without the plugin on the path, the rule does not exist.
    without = copkit(tmp_path / "nothing", *args, "--select", "ACP100")
    assert without.returncode == 2
    assert "names no rule" in without.stderr


@pytest.mark.parametrize(
    ("which", "expected"),
    [
        (
            "broken",
            "copkit: error: rule plugin 'broken_rules' (broken-copkit-rules): cannot load "
            "broken_rules:RULES: ModuleNotFoundError: No module named 'acme_missing_dependency'",
        ),
        (
            "clash",
            "copkit: error: rule plugin 'clashing_rules' (clashing-copkit-rules): rule code "
            "'COP230' must be capitals then 3-4 digits, not COP...",
        ),
    ],
)
def test_broken_plugin_is_one_line_not_a_traceback(
    plugins: dict[str, Path], tmp_path: Path, which: str, expected: str
) -> None:
    lrepo = LintRepo(tmp_path / "repo")
    for args in (["rules"], ["lint", str(lrepo.root)], ["check", str(lrepo.root)]):
        result = copkit(plugins[which], *args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr == expected + "\n", args
