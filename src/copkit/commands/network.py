"""``copkit network``: brokers, silos, suggested communities and whom to invite."""

from __future__ import annotations

from pathlib import Path

import click

from copkit.commands._network import RepositoryInvalid, dump, load_graph
from copkit.network.report import NetworkReport, network_report


def run(path: Path | None, *, output_format: str) -> int:
    """Print the network report; return the exit code."""
    try:
        graph = load_graph(path, authorship=False)
    except RepositoryInvalid:
        return 1
    report = network_report(graph)
    if output_format == "json":
        click.echo(dump(report.to_dict()), nl=False)
    else:
        click.echo(render_text(report), nl=False)
    return 0


def render_text(report: NetworkReport) -> str:
    brokers = report.brokers
    method = (
        "exact betweenness"
        if brokers.method == "exact"
        else f"approximate betweenness: {brokers.samples} sampled sources, seed {brokers.seed}, "
        f"in each component of more than {brokers.exact_limit} nodes"
    )
    lines = [
        f"{_count(report.people, 'person', 'people')}, "
        f"{_count(report.communities, 'community', 'communities')}.",
        "",
        f"Knowledge brokers ({method}, over {brokers.nodes} people and communities):",
    ]
    if not brokers.brokers:
        lines.append("  nobody links two communities")
    for broker in brokers.brokers:
        lines.append(
            f"  - {broker.name} ({broker.person}) {broker.betweenness:.3f}: {broker.reason()}"
        )
    lines += ["", "Silos (no shared member or practice with any other community):"]
    if not report.silos:
        lines.append("  none")
    for silo in report.silos:
        lines.append(f"  - {silo.name} ({silo.community}): {silo.reason()}")
    lines += ["", "Suggested communities (shared skills and interests no community covers):"]
    if not report.suggestions:
        lines.append("  none")
    for number, suggestion in enumerate(report.suggestions, start=1):
        lines.append(f"  {number}. {suggestion.reason()}")
        lines.append(f"     people: {', '.join(suggestion.people)}")
    lines += ["", "Whom to invite (people outside whose skills and interests match):"]
    if not report.invitations:
        lines.append("  nobody")
    for community in report.invitations:
        lines.append(f"  {community.name} ({community.community}):")
        for invitation in community.invitations:
            matched = [*invitation.skills, *invitation.interests]
            lines.append(f"    - {invitation.person} ({', '.join(matched)})")
    return "\n".join(lines) + "\n"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
