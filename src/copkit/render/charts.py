"""Charts drawn at build time as static SVG with matplotlib.

Output is deterministic: the Agg-free SVG backend, a fixed hash salt for element ids,
no date in the metadata, and text kept as text (no font files, nothing to fetch).
Pictures are embedded with ``<img>``, so even a hostile label could not run script.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib import rcParams
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

rcParams["svg.hashsalt"] = "copkit"
rcParams["svg.fonttype"] = "none"
rcParams["font.family"] = "sans-serif"
rcParams["font.size"] = 9
rcParams["axes.spines.top"] = False
rcParams["axes.spines.right"] = False

ACCENT = "#3f51b5"
TARGET = "#e65100"
LABELLED_POINTS = 80
PALETTE = ("#3f51b5", "#00897b", "#f9a825", "#8e24aa", "#e53935", "#6d4c41")


def label(value: object) -> str:
    """Contributor text as a literal matplotlib label (no mathtext, one line)."""
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("$", r"\$")


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None})  # type: ignore[no-untyped-call]
    return buffer.getvalue()


class MetricCharts:
    """Draws metric charts: observed values over time, the target as a dashed line.

    One figure is reused for every metric (only data, limits and labels change), which
    is several times faster than building a figure per chart and gives the same bytes.
    """

    def __init__(self) -> None:
        self.figure = Figure(figsize=(6.0, 2.4))
        self.axes = self.figure.add_subplot()
        (self.line,) = self.axes.plot([], [], marker="o", color=ACCENT, linewidth=1.6)
        self.target = self.axes.axhline(0.0, color=TARGET, linestyle="--", linewidth=1.2)
        self.axes.xaxis.set_major_locator(MaxNLocator(5))
        self.axes.yaxis.set_major_locator(MaxNLocator(5))
        self.axes.xaxis.set_major_formatter(FuncFormatter(_month_label))
        self.axes.grid(axis="y", alpha=0.3)
        self.figure.subplots_adjust(left=0.12, right=0.97, top=0.93, bottom=0.14)

    def draw(
        self,
        observations: Sequence[tuple[dt.date, float]],
        *,
        target: float | None,
        unit: str,
    ) -> str:
        xs = [float(day.toordinal()) for day, _ in observations]
        ys = [value for _, value in observations]
        self.line.set_data(xs, ys)
        self.target.set_visible(target is not None)
        self.target.set_ydata([target or 0.0, target or 0.0])
        low, high = min(xs), max(xs)
        self.axes.set_xlim(low - 15, high + 15)
        values = [*ys, *([target] if target is not None else [])]
        bottom, top = min(values), max(values)
        margin = (top - bottom) * 0.1 or abs(top) * 0.1 or 1.0
        self.axes.set_ylim(bottom - margin, top + margin)
        self.axes.set_ylabel(label(unit))
        return _svg(self.figure)


def _month_label(value: float, _position: int | None = None) -> str:
    if value < 1:
        return ""
    return dt.date.fromordinal(round(value)).strftime("%Y-%m")


def trend_chart(months: Sequence[str], series: Mapping[str, Sequence[float | None]]) -> str:
    """Health scores per month (0-100); unknown months are gaps, never zeros."""
    figure = Figure(figsize=(6.0, 2.6))
    axes = figure.add_subplot()
    positions = list(range(len(months)))
    for index, (name, values) in enumerate(series.items()):
        points = [math.nan if value is None else value for value in values]
        width = 2.4 if index == 0 else 1.0
        axes.plot(
            positions,
            points,
            marker="o" if index == 0 else None,
            linewidth=width,
            color=PALETTE[index % len(PALETTE)],
            label=label(name),
        )
    axes.set_xticks(positions, [label(month) for month in months], rotation=45, fontsize=7)
    axes.set_ylim(0, 100)
    axes.set_ylabel("score")
    axes.grid(axis="y", alpha=0.3)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=7)
    figure.subplots_adjust(left=0.1, right=0.78, top=0.95, bottom=0.22)
    return _svg(figure)


@dataclass(frozen=True)
class RadarPoint:
    """One practice on the radar: its number in the legend, ring and sector."""

    number: int
    ring: int
    sector: int


def radar_chart(rings: Sequence[str], sectors: Sequence[str], points: Sequence[RadarPoint]) -> str:
    """The adoption radar: rings from the centre out, sectors around, numbered dots.

    Dots are spread evenly inside their cell in legend order, so the picture depends
    only on the data, never on chance.
    """
    figure = Figure(figsize=(7.0, 7.0))
    axes = figure.add_subplot(projection="polar")
    ring_count, sector_count = len(rings), max(len(sectors), 1)
    width = 2 * math.pi / sector_count
    circle = [t / 90 * math.pi for t in range(181)]
    for ring_index in range(ring_count + 1):
        axes.plot(circle, [ring_index] * 181, color="#9e9e9e", linewidth=0.6)
    for sector_index in range(sector_count):
        angle = sector_index * width
        axes.plot([angle, angle], [0, ring_count], color="#9e9e9e", linewidth=0.6)
    cells: dict[tuple[int, int], list[RadarPoint]] = {}
    for point in points:
        cells.setdefault((point.ring, point.sector), []).append(point)
    xs: list[float] = []
    ys: list[float] = []
    colors: list[str] = []
    for (ring_index, sector_index), members in sorted(cells.items()):
        count = len(members)
        for position, _point in enumerate(members):
            # Spread dots over the cell: through the cell's angle and depth, in order.
            fraction = (position + 0.5) / count
            xs.append(sector_index * width + width * (0.1 + 0.8 * ((position * 0.618) % 1.0)))
            ys.append(ring_index + 0.15 + 0.7 * fraction)
            colors.append(PALETTE[sector_index % len(PALETTE)])
    # One collection for every dot; numbers only while they stay legible and cheap
    # (the table under the radar names every practice either way).
    axes.scatter(xs, ys, s=90 if len(xs) <= LABELLED_POINTS else 25, c=colors, zorder=3)
    if len(xs) <= LABELLED_POINTS:
        ordered = [point for _, members in sorted(cells.items()) for point in members]
        for x, y, point in zip(xs, ys, ordered, strict=True):
            axes.text(x, y, str(point.number), ha="center", va="center", fontsize=6,
                      color="white", zorder=4)  # fmt: skip
    axes.set_ylim(0, ring_count)
    axes.set_yticks([index + 0.5 for index in range(ring_count)], [label(r) for r in rings])
    axes.set_xticks(
        [index * width + width / 2 for index in range(sector_count)],
        [label(s) for s in sectors] if sectors else [""],
    )
    axes.grid(False)
    axes.spines["polar"].set_visible(False)
    figure.subplots_adjust(left=0.12, right=0.88, top=0.9, bottom=0.1)
    return _svg(figure)
