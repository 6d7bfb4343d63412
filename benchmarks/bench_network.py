"""Benchmark the expertise network on a synthetic organisation of 20,000 people.

    python benchmarks/bench_network.py [--people 20000] [--commits 20000] [--seed 1]
                                       [--org PATH] [--queries N]

Generates the organisation with ``benchmarks/generate.py`` (30% of its entities are
people, so 20,000 people means 66,667 entities) into a cache folder, reused while the
generator and arguments are unchanged (``COPKIT_BENCH_CACHE``, default
``~/.cache/copkit-bench``), or uses ``--org``. Then it times, separately:

- loading, in-process: ``load_repository``, ``read_history``, ``build_graph`` and the
  ``ExpertIndex`` -- done once;
- ``ExpertIndex.search`` for each query (target: under 1 s each);
- ``copkit network --format json`` end to end in a fresh process (target: under 60 s).

Figures go to stdout as a table and, with ``--json FILE``, as JSON. No assertion fails on
time: the targets are printed beside the measurements.
"""

from __future__ import annotations

import argparse
import json
import math
import os
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
from copkit.network.graph import build_graph  # noqa: E402

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


def timed(label: str, rows: list[tuple[str, float, str]], target: str = "") -> float:
    """Append the seconds since the last call to ``rows``."""
    now = time.perf_counter()
    elapsed = now - timed.last  # type: ignore[attr-defined]
    timed.last = now  # type: ignore[attr-defined]
    rows.append((label, elapsed, target))
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--org", type=Path, help="use this organisation instead of generating")
    parser.add_argument("--queries", type=int, default=len(QUERIES))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    root = args.org or organisation(args.people, args.commits, args.seed)

    rows: list[tuple[str, float, str]] = []
    timed.last = time.perf_counter()  # type: ignore[attr-defined]
    result = load_repository(root)
    timed("load_repository", rows)
    repository = result.repository
    history = read_history(repository.root, repository.data_dir, email_index(repository.people))
    timed("read_history", rows)
    graph = build_graph(repository, history)
    timed("build_graph", rows)
    index = ExpertIndex(graph)
    timed("ExpertIndex", rows)
    load_total = sum(seconds for _, seconds, _ in rows)
    rows.append(("load total (once)", load_total, ""))

    query_times: list[float] = []
    for query in QUERIES[: args.queries]:
        started = time.perf_counter()
        found = index.search(query, limit=10)
        query_times.append(time.perf_counter() - started)
        assert found.experts, f"nobody found for {query!r}"
    rows.append(("experts query (median)", statistics.median(query_times), ""))
    rows.append(("experts query (max)", max(query_times), f"< {QUERY_TARGET_S:.0f} s"))

    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "copkit", "network", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(HERE.parent / "src")},
        check=False,
    )
    network_seconds = time.perf_counter() - started
    if completed.returncode != 0:
        print(completed.stderr[-2000:], file=sys.stderr)
        return 1
    report = json.loads(completed.stdout)
    rows.append(("copkit network (end to end)", network_seconds, f"< {NETWORK_TARGET_S:.0f} s"))

    brokers = report["brokers"]
    print(
        f"organisation: {root}\n"
        f"  {report['people']} people, {report['communities']} communities, "
        f"{len(history.commits)} commits, graph {graph.number_of_nodes()} nodes / "
        f"{graph.number_of_edges()} edges\n"
        f"  brokers: {brokers['method']} betweenness"
        + (f" ({brokers['samples']} samples, seed {brokers['seed']})" if brokers["samples"] else "")
        + f" over {brokers['nodes']} nodes; {len(report['silos'])} silos; "
        f"{len(report['suggested_communities'])} suggestions"
    )
    width = max(len(label) for label, _, _ in rows)
    for label, seconds, target in rows:
        print(f"  {label:<{width}}  {seconds:8.3f} s  {target}")
    if args.json:
        figures = {label: round(seconds, 4) for label, seconds, _ in rows}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
