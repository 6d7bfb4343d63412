"""``copkit mentors``: proposed mentor / mentee pairs, an optimal matching, each explained."""

from __future__ import annotations

import gc
from pathlib import Path

import click

from copkit.commands._network import RepositoryInvalid, dump, load_graph
from copkit.network.mentors import MentorMatching, match_mentors, mentoring_wishes


def run(path: Path | None, *, capacity: int, output_format: str) -> int:
    """Print the proposed pairs; return the exit code."""
    try:
        # Only the wishes are kept: the graph is let go before the matching, whose
        # candidate pairs need its memory on a large organisation.
        wishes = mentoring_wishes(load_graph(path, authorship=False))
    except RepositoryInvalid:
        return 1
    # networkx caches views of a graph that point back at it, so only the cycle
    # collector frees it, and it may not run for the rest of the command: at 100,000
    # entities that kept 800 MB beside the matching (2,062 MiB peak, 1,547 with this).
    gc.collect()
    matching = match_mentors(wishes, capacity=capacity)
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
