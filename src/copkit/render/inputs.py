"""What the renderer reads besides the repository: health scores and lint rules.

Both come from other parts of copkit (the scorer and the linter) and are imported
lazily, so the site builds, saying "health not computed" or leaving out rule pages,
wherever those parts are not installed.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from copkit.history import History
from copkit.repository import Repository


def score(repository: Repository, history: History | None, as_of: dt.date) -> dict[str, Any] | None:
    """The scorer's health report as a plain dict, or None without a scorer."""
    try:
        module = importlib.import_module("copkit.health")
    except ImportError:
        return None
    scorer = getattr(module, "score_repository", None)
    if scorer is None:
        return None
    result = scorer(repository, history, as_of=as_of).to_dict()
    return result if isinstance(result, dict) else None


def lint_rules() -> dict[str, type] | None:
    """The lint rule registry (code -> rule class), or None without a linter."""
    try:
        module = importlib.import_module("copkit.rules")
    except ImportError:
        return None
    registry = getattr(module, "RULES", None)
    return dict(registry) if registry else None
