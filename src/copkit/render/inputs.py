"""What the renderer reads besides the repository: health, lint rules, the network.

They come from other parts of copkit (the scorer, the linter and the expertise network)
and are imported lazily, so the site builds, saying "health not computed" or leaving
out rule pages, wherever those parts are not installed.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from copkit.history import History
from copkit.repository import Repository

GAP_MIN_HOLDERS = 2
"""A skill a community needs is a gap when fewer members than this hold it."""


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


def lint_rules(repository: Repository | None = None) -> dict[str, type] | None:
    """The lint rules (code -> rule class), or None without a linter.

    With ``repository``, the rules its copkit.yaml declares are included, in code order.
    """
    try:
        module = importlib.import_module("copkit.rules")
    except ImportError:
        return None
    registry = getattr(module, "RULES", None)
    if not registry:
        return None
    rules: dict[str, type] = dict(registry)
    if repository is not None:
        rules.update({rule.code: rule for rule in repository.custom.rules})
    return {code: rules[code] for code in sorted(rules)}


def network(repository: Repository, history: History | None) -> dict[str, Any] | None:
    """The expertise network as plain dicts, or None without the network package.

    The graph is built once from the loaded repository and the history already read (no
    file or git is read again); ``history=None`` builds it without authorship. Keys:
    ``people`` and ``skills`` (the directory's profiles and pages, as objects: the site
    holds them while it renders), ``gaps`` and ``report`` (``copkit gaps`` and ``copkit
    network`` JSON).
    """
    try:
        graph_module = importlib.import_module("copkit.network.graph")
        directory = importlib.import_module("copkit.network.directory")
        gaps = importlib.import_module("copkit.network.gaps")
        report = importlib.import_module("copkit.network.report")
    except ImportError:
        return None
    if history is None:
        history = History(available=False, reason="history was not read for this build")
    graph = graph_module.build_graph(repository, history)
    return {
        "people": directory.people_directory(graph),
        "skills": directory.skill_directory(graph),
        "gaps": gaps.find_gaps(graph, min_holders=GAP_MIN_HOLDERS).to_dict(),
        "report": report.network_report(graph).to_dict(),
        "history": dict(graph.graph.get("history") or {}),
    }
