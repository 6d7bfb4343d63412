"""``copkit experts QUERY``: who to ask, ranked, each with the skills and practices that matched."""

from __future__ import annotations

from pathlib import Path

import click

from copkit.commands._network import RepositoryInvalid, dump, history_note, load_graph
from copkit.loader import UsageError, collector_paused
from copkit.network.experts import ExpertIndex, ExpertResults, QueryError


# A short-lived process whose loaded repository stays alive to the end: the cyclic
# collector would only walk it again and again while history is read and the graph
# and the index are built.
@collector_paused()
def run(
    query: str, path: Path | None, *, community: str | None, limit: int, output_format: str
) -> int:
    """Print the best people for ``query``; return the exit code."""
    try:
        graph = load_graph(path)
    except RepositoryInvalid:
        return 1
    try:
        results = ExpertIndex(graph).search(query, community=community, limit=limit)
    except QueryError as error:
        raise UsageError(str(error)) from None
    if output_format == "json":
        click.echo(dump(results.to_dict()), nl=False)
    else:
        click.echo(render_text(results), nl=False)
        note = history_note(graph)
        if note:
            click.echo(note, err=True)
    return 0


def render_text(results: ExpertResults) -> str:
    where = f" in {results.community}" if results.community else ""
    if not results.experts:
        return f"Nobody{where} matches {results.query!r} (words: {', '.join(results.terms)}).\n"
    lines = [f"Who to ask about {results.query!r}{where}:", ""]
    for rank, expert in enumerate(results.experts, start=1):
        lines.append(f"{rank}. {expert.name} ({expert.person})  score {expert.score:.2f}")
        lines.extend(f"     - {reason}" for reason in expert.reasons())
    return "\n".join(lines) + "\n"
