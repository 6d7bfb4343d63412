"""``copkit gaps``: skills communities need that too few members hold; single holders."""

from __future__ import annotations

from pathlib import Path

import click

from copkit.commands._network import RepositoryInvalid, dump, load_graph
from copkit.network.gaps import GapReport, find_gaps


def run(path: Path | None, *, min_holders: int, output_format: str) -> int:
    """Print the gaps; return the exit code (0: the report itself is not a failure)."""
    try:
        graph = load_graph(path, authorship=False)
    except RepositoryInvalid:
        return 1
    report = find_gaps(graph, min_holders=min_holders)
    if output_format == "json":
        click.echo(dump(report.to_dict()), nl=False)
    else:
        click.echo(render_text(report), nl=False)
    return 0


def render_text(report: GapReport) -> str:
    lines: list[str] = []
    plural = "" if report.min_holders == 1 else "s"
    if not report.communities:
        lines.append(
            f"No gaps: every skill a community needs has {report.min_holders} holder{plural}."
        )
    for community in report.communities:
        lines.append(f"{community.name} ({community.community}), {community.members} members:")
        for gap in community.gaps:
            held = ", ".join(gap.holders) if gap.holders else "nobody"
            lines.append(
                f"  - {gap.label} ({gap.skill}): held by {held}; "
                f"fewer than {report.min_holders} at working level or above; "
                f"needed by {', '.join(gap.needed_by)}"
            )
    if report.single_holders:
        lines += ["", "Knowledge at risk (one person holds the skill at working level or above):"]
        for single in report.single_holders:
            needed = f"; needed by {', '.join(single.needed_by)}" if single.needed_by else ""
            lines.append(
                f"  - {single.label} ({single.skill}): only {single.person} ({single.level})"
                f"{needed}"
            )
    return "\n".join(lines) + "\n"
