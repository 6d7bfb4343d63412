"""Health reports for people (table, Markdown) and machines (JSON)."""

from __future__ import annotations

import json

from copkit.health.combine import REGISTRY
from copkit.health.model import CommunityHealth, HealthReport

TITLES: dict[str, str] = {spec.name: spec.title for spec in REGISTRY}


def fmt(score: float | None) -> str:
    """A score as printed: one decimal, or ``unknown``."""
    return "unknown" if score is None else f"{score:.1f}"


def history_line(report: HealthReport) -> str:
    status = report.history
    if not status.available:
        return f"history: unavailable ({status.reason}); history-based measures are unknown"
    if status.shallow:
        return "history: shallow clone; history-based measures are unknown"
    return "history: complete"


def to_json(report: HealthReport) -> str:
    """The stable JSON form (see docs/reference/health.md), byte-identical for equal input."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def to_table(report: HealthReport) -> str:
    """Plain text: every number with the sentence that explains it."""
    lines = [f"Health as of {report.as_of.isoformat()} · {history_line(report)}", ""]
    for health in report.communities.values():
        lines.extend(_community_table(health))
        lines.append("")
    if not report.communities:
        lines.append("No communities to score.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _community_table(health: CommunityHealth) -> list[str]:
    lines = [
        f"{health.community} — {health.name} (stage {health.stage}): overall {fmt(health.overall)}"
    ]
    for dimension in health.dimensions.values():
        lines.append(
            f"  {TITLES.get(dimension.name, dimension.name):<32} {fmt(dimension.score):>7}  "
            f"weight {dimension.weight:.2f}  {dimension.explanation}"
        )
        for measure in dimension.measures:
            lines.append(f"    {measure.name:<30} {fmt(measure.score):>7}  {measure.explanation}")
    if health.trend:
        trend = "  ".join(f"{point.month} {fmt(point.overall)}" for point in health.trend)
        lines.append(f"  trend (overall at month end): {trend}")
    lines.extend(f"  note: {note}" for note in health.notes)
    return lines


def to_markdown(report: HealthReport) -> str:
    """Markdown for a wiki, an issue or a pull request comment."""
    lines = [
        "# Community health",
        "",
        f"As of {report.as_of.isoformat()}; {history_line(report)}.",
        "",
        "| community | stage | overall | " + " | ".join(TITLES[name] for name in TITLES) + " |",
        "| --- | --- | ---: | " + " | ".join("---:" for _ in TITLES) + " |",
    ]
    for health in report.communities.values():
        cells = [fmt(health.dimensions[name].score) for name in TITLES if name in health.dimensions]
        lines.append(
            f"| {_cell(health.name)} (`{health.community}`) | {health.stage} | "
            f"{fmt(health.overall)} | " + " | ".join(cells) + " |"
        )
    for health in report.communities.values():
        lines.extend(["", f"## {_cell(health.name)}: {fmt(health.overall)}", ""])
        lines.extend(f"> {note}" for note in health.notes)
        if health.notes:
            lines.append("")
        for dimension in health.dimensions.values():
            lines.extend(
                [
                    f"### {TITLES.get(dimension.name, dimension.name)}: {fmt(dimension.score)} "
                    f"(weight {dimension.weight:.2f})",
                    "",
                    dimension.explanation,
                    "",
                    "| measure | score | explanation |",
                    "| --- | ---: | --- |",
                ]
            )
            lines.extend(
                f"| {measure.name} | {fmt(measure.score)} | {_cell(measure.explanation)} |"
                for measure in dimension.measures
            )
            lines.append("")
        if health.trend:
            lines.extend(
                [
                    "### Trend",
                    "",
                    "| month | overall | " + " | ".join(TITLES[name] for name in TITLES) + " |",
                    "| --- | ---: | " + " | ".join("---:" for _ in TITLES) + " |",
                ]
            )
            for point in health.trend:
                cells = [fmt(point.dimensions.get(name)) for name in TITLES]
                lines.append(
                    f"| {point.month} | {fmt(point.overall)} | " + " | ".join(cells) + " |"
                )
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
