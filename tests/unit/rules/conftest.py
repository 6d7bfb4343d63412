from __future__ import annotations

from pathlib import Path

import pytest

from tests.lintkit import LintRepo


@pytest.fixture
def lrepo(tmp_path: Path) -> LintRepo:
    """A clean organisation every stable rule passes; tests break one thing each."""
    return LintRepo(tmp_path / "repo")
