from __future__ import annotations

from pathlib import Path

import pytest

from tests.lintkit import LintRepo


@pytest.fixture
def lrepo(tmp_path: Path) -> LintRepo:
    return LintRepo(tmp_path / "repo")
