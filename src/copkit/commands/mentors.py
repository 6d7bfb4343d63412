"""``copkit mentors``: proposed mentor / mentee pairs, an optimal matching, each explained."""

from __future__ import annotations

from pathlib import Path

import click

from copkit.commands._network import RepositoryInvalid, dump, load_graph
from copkit.network.mentors import MentorMatching, match_mentors


def run(path: Path | None, *, capacity: int, output_format: str) -> int:
    """Print the proposed pairs; return the exit code."""
    try:
        graph = load_graph(path, authorship=False)
    except RepositoryInvalid:
        return 1
    matching = match_mentors(graph, capacity=capacity)
    if output_format == "json":
        click.echo(dump(matching.to_dict()), nl=False)
    else:
        click.echo(render_text(matching), nl=False)
    return 0


def render_text(matching: MentorMatching) -> str:
    if not matching.pairs:
        lines = ["No mentoring pairs: nobody offers a skill someone else seeks at a lower level."]
    else:
        each = "one mentee" if matching.capacity == 1 else f"up to {matching.capacity} mentees"
        lines = [
            f"{len(matching.pairs)} mentoring pairs ({each} per mentor, best total of "
            f"{matching.candidates} possible pairs):",
            "",
        ]
        for pair in matching.pairs:
            lines.append(f"- {pair.mentor} -> {pair.mentee} on {pair.skill}")
            lines.append(f"    {pair.reason()}")
    if matching.unmatched_mentees:
        lines += ["", "Still looking for a mentor: " + ", ".join(matching.unmatched_mentees)]
    return "\n".join(lines) + "\n"
