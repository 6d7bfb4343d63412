"""Benchmark the expertise network on a synthetic organisation of 20,000 people.

    python benchmarks/bench_network.py [--people 20000] [--commits 20000] [--seed 1]
                                       [--org PATH] [--queries N] [--commands LIST]

Generates the organisation with ``benchmarks/generate.py`` (30% of its entities are
people, so 20,000 people means 66,667 entities) into a cache folder, reused while the
generator and arguments are unchanged (``COPKIT_BENCH_CACHE``, default
``~/.cache/copkit-bench``), or uses ``--org``. Then it times, separately:

- loading, in-process: ``load_repository``, ``read_history``, ``build_graph`` and the
  ``ExpertIndex`` -- done once;
- ``ExpertIndex.search`` for each query (target: under 1 s each);
- in-process, on the loaded repository, what each of ``copkit mentors``, ``gaps`` and
  ``network`` does after loading: the graph without history, then the answer -- the
  commands' own share, apart from loading the files;
- ``copkit network``, ``mentors`` and ``gaps --format json`` end to end, each in a fresh
  process (target for ``network``: under 60 s), loading included.

Every step is reported in wall-clock and CPU seconds (a fresh process's CPU is its
children's usage), so a busy machine shows as wall well above CPU. Figures go to stdout
as a table and, with ``--json FILE``, as JSON. No assertion fails on time: the targets
are printed beside the measurements.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from copkit.history import email_index, read_history  # noqa: E402
from copkit.loader import load_repository  # noqa: E402
from copkit.network.experts import ExpertIndex  # noqa: E402
from copkit.network.gaps import find_gaps  # noqa: E402
from copkit.network.graph import build_graph  # noqa: E402
from copkit.network.mentors import match_mentors  # noqa: E402
from copkit.network.report import network_report  # noqa: E402

PEOPLE_SHARE = 0.30
"""generate.py makes 30% of an organisation's entities people."""
QUERIES = (
    "how do we monitor model drift?",
    "python testing",
    "kubernetes deployment rollback",
    "fairness audit of a credit model",
    "data quality checks in pipelines",
    "incident postmortem",
    "feature store",
    "llm evaluation and prompt injection",
)
QUERY_TARGET_S = 1.0
NETWORK_TARGET_S = 60.0


def organisation(people: int, commits: int, seed: int) -> Path:
    """A cached generated organisation with at least ``people`` people."""
    import generate  # benchmarks/generate.py

    entities = math.ceil(people / PEOPLE_SHARE)
    cache = Path(os.environ.get("COPKIT_BENCH_CACHE", Path.home() / ".cache" / "copkit-bench"))
    out = cache / f"org-{generate.GENERATOR_VERSION}-{entities}-{commits}-{seed}"
    if not (out / ".git" / "copkit-bench.json").is_file():
        if out.exists():
            subprocess.run(["rm", "-rf", str(out)], check=True)
        print(f"generating {entities} entities, {commits} commits into {out} ...", flush=True)
        generate.generate(out, entities, commits, seed)
    return out


Row = tuple[str, float, float, str]
"""A step: label, wall seconds, CPU seconds, target."""


def cpu_seconds() -> float:
    """CPU used by this process and the worker processes it has waited for."""
    return time.process_time() + children_cpu()


class Clock:
    """Wall and CPU seconds since the last :meth:`lap`."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()

    def lap(self, label: str, rows: list[Row], target: str = "") -> tuple[float, float]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        elapsed = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        rows.append((label, *elapsed, target))
        return elapsed


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def end_to_end(command: str, root: Path) -> tuple[float, float, dict[str, object]]:
    """Run ``copkit COMMAND ROOT --format json`` in a fresh process: wall, CPU, output."""
    started, cpu = time.perf_counter(), children_cpu()
    completed = subprocess.run(
        [sys.executable, "-m", "copkit", command, str(root), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(HERE.parent / "src")},
        check=False,
    )
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    if completed.returncode != 0:
        print(completed.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"copkit {command} failed with exit code {completed.returncode}")
    output: dict[str, object] = json.loads(completed.stdout)
    return wall, cpu, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--org", type=Path, help="use this organisation instead of generating")
    parser.add_argument("--queries", type=int, default=len(QUERIES))
    parser.add_argument(
        "--commands",
        default="network,mentors,gaps",
        help="commands to run end to end in a fresh process (comma-separated; '' for none)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    root = args.org or organisation(args.people, args.commits, args.seed)

    rows: list[Row] = []
    clock = Clock()
    result = load_repository(root)
    clock.lap("load_repository", rows)
    repository = result.repository
    history = read_history(repository.root, repository.data_dir, email_index(repository.people))
    clock.lap("read_history", rows)
    graph = build_graph(repository, history)
    clock.lap("build_graph (with history)", rows)
    index = ExpertIndex(graph)
    clock.lap("ExpertIndex", rows)
    rows.append(
        (
            "experts: load total (once)",
            sum(row[1] for row in rows),
            sum(row[2] for row in rows),
            "",
        )
    )

    query_times: list[float] = []
    query_cpu: list[float] = []
    for query in QUERIES[: args.queries]:
        started, cpu = time.perf_counter(), cpu_seconds()
        found = index.search(query, limit=10)
        query_times.append(time.perf_counter() - started)
        query_cpu.append(cpu_seconds() - cpu)
        assert found.experts, f"nobody found for {query!r}"
    rows.append(
        ("experts query (median)", statistics.median(query_times), statistics.median(query_cpu), "")
    )
    rows.append(
        ("experts query (max)", max(query_times), max(query_cpu), f"< {QUERY_TARGET_S:.0f} s")
    )

    clock = Clock()
    bare = build_graph(repository, None)
    clock.lap("build_graph (no history: mentors, gaps, network)", rows)
    matching = match_mentors(bare)
    clock.lap("  match_mentors", rows)
    gaps = find_gaps(bare)
    clock.lap("  find_gaps", rows)
    network = network_report(bare)
    clock.lap("  network_report", rows)
    brokers = network.brokers

    commands = [name for name in args.commands.split(",") if name]
    for command in commands:
        wall, cpu, _ = end_to_end(command, root)
        target = f"< {NETWORK_TARGET_S:.0f} s" if command == "network" else ""
        rows.append((f"copkit {command} (end to end)", wall, cpu, target))

    print(
        f"organisation: {root}\n"
        f"  {network.people} people, {network.communities} communities, "
        f"{len(history.commits)} commits, graph {graph.number_of_nodes()} nodes / "
        f"{graph.number_of_edges()} edges\n"
        f"  brokers: {brokers.method} betweenness"
        + (f" ({brokers.samples} samples, seed {brokers.seed})" if brokers.samples else "")
        + f" over {brokers.nodes} nodes; {len(network.silos)} silos; "
        f"{len(network.suggestions)} suggestions\n"
        f"  mentors: {matching.candidates} candidate pairs, {len(matching.pairs)} pairs; "
        f"gaps: {len(gaps.communities)} communities with gaps, "
        f"{len(gaps.single_holders)} single holders"
    )
    width = max(len(row[0]) for row in rows)
    print(f"  {'step':<{width}}  {'wall s':>8}  {'CPU s':>8}  target")
    for label, wall, cpu, target in rows:
        print(f"  {label:<{width}}  {wall:8.3f}  {cpu:8.3f}  {target}")
    if args.json:
        figures = {
            label: {"wall": round(wall, 4), "cpu": round(cpu, 4)} for label, wall, cpu, _ in rows
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
