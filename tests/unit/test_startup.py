"""What the command line does before a command's heavy imports, and ``--version``."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

from tests.conftest import run_copkit


def test_version_is_the_installed_metadata() -> None:
    result = run_copkit("--version")
    assert result.returncode == 0
    assert result.stdout == f"copkit, version {version('copkit')}\n"


def test_the_entry_point_and_history_import_neither_pydantic_nor_metadata() -> None:
    # `copkit score` starts `git log` (copkit.history) from copkit.cli before importing the
    # models: pulling pydantic in earlier would leave the second core idle for that long.
    code = (
        "import sys, copkit.cli, copkit.history, copkit.usage; "
        "print(sorted(m for m in ('pydantic', 'importlib.metadata') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
