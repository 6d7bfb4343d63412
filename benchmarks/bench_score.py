"""Benchmark: ``copkit score`` (with the 12-month trend) against the floor of reading history.

    python benchmarks/bench_score.py [--entities 10000] [--commits 20000] [--repeat 3]

Generates (or reuses, under ``benchmarks/out/``) the synthetic organisation with
``benchmarks/generate.py`` at N and 2N commits and times, in the same run:

- the floor: ``git log --name-only`` over the same history of the data folder, the least
  any tool must do to read it;
- ``copkit score --format json`` (all communities, trend included), as a user runs it.

Targets (issue 4): score takes at most 3x the floor, and doubling the commits at most
doubles the score's time. Prints a table; exits 1 when a target is missed. Best of
``--repeat`` runs each. Not a test: timings never gate the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def repository(entities: int, commits: int, seed: int) -> Path:
    """The generated repository for these sizes, built once and reused."""
    out = HERE / "out" / f"score-{entities}-{commits}-{seed}"
    if not (out / ".git" / "copkit-bench.json").is_file():
        print(f"generating {entities} entities, {commits} commits in {out} ...", file=sys.stderr)
        generate(out, entities, commits, seed)
    return out


def best_of(repeat: int, command: list[str], cwd: Path) -> float:
    """The fastest of ``repeat`` runs of ``command``, in seconds (output read and dropped)."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent / "src"))
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
        if result.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed:\n{result.stderr.decode(errors='replace')}")
    return min(times)


def measure(root: Path, repeat: int) -> dict[str, float]:
    data = "communities"
    floor = best_of(repeat, ["git", "log", "--name-only", "--", data], root)
    score = best_of(repeat, [sys.executable, "-m", "copkit", "score", "--format", "json"], root)
    return {"floor": floor, "score": score}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = {}
    for commits in (args.commits, 2 * args.commits):
        root = repository(args.entities, commits, args.seed)
        results[commits] = measure(root, args.repeat)
    base, double = results[args.commits], results[2 * args.commits]
    print(f"{'commits':>8} {'git log (s)':>12} {'score (s)':>10} {'ratio':>6}")
    for commits, result in results.items():
        ratio = result["score"] / result["floor"]
        print(f"{commits:>8} {result['floor']:>12.2f} {result['score']:>10.2f} {ratio:>6.2f}")
    growth = double["score"] / base["score"]
    print(f"doubling commits multiplied score time by {growth:.2f}")
    worst = max(r["score"] / r["floor"] for r in results.values())
    ok = worst <= 3.0 and growth <= 2.0
    print(json.dumps({"max_ratio_to_floor": round(worst, 2), "doubling_growth": round(growth, 2),
                      "targets_met": ok}))  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
