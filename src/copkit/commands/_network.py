"""What the network commands share: load the repository and its history, build the graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import networkx as nx

from copkit.history import history_of
from copkit.loader import load_repository
from copkit.network.graph import build_graph
from copkit.reporting.text import report


class RepositoryInvalid(Exception):
    """The repository has errors; they were printed and the command exits 1."""


def load_graph(path: Path | None, *, authorship: bool = True) -> nx.MultiDiGraph[str]:
    """The expertise graph of the repository at ``path``.

    Git history is read only with ``authorship`` (``copkit experts``); mentors, gaps and
    the network report do not use it, and on a large organisation reading it takes longer
    than answering them.

    Prints the repository's errors and raises :class:`RepositoryInvalid` when it has any:
    answers drawn from a half-read organisation would mislead.
    """
    result = load_repository(path)
    if not result.ok:
        click.echo(report(result.findings.at_or_above("error")), err=True, nl=False)
        click.echo("copkit: error: the repository has errors; fix them first", err=True)
        raise RepositoryInvalid
    repository = result.repository
    return build_graph(repository, history_of(repository) if authorship else None)


def history_note(graph: nx.MultiDiGraph[str]) -> str | None:
    """A line for text output when git history could not be used, else None."""
    history: dict[str, Any] = graph.graph.get("history", {})
    if not history.get("available"):
        return f"note: no git history ({history.get('reason')}); authorship is not counted"
    if not history.get("complete"):
        return "note: shallow clone; authorship counts only the commits present"
    return None


def dump(data: dict[str, Any]) -> str:
    """Stable JSON: two-space indent, keys in the documented order, newline at the end."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
