"""Benchmark: ``copkit lint`` (all rules, history included) against ``copkit validate``.

    python benchmarks/bench_lint.py --entities 10000 --commits 20000 --seed 1

Targets (issue 3): lint takes at most 2x validate on the same repository, measured in the
same run, and the history pass grows linearly with commits (it is timed on the same
organisation with half and all of the commits).

Repositories come from ``benchmarks/generate.py`` and are cached in ``benchmarks/out/``.
Both commands run as real processes (best of ``--repeat``); the history pass is timed in
process. Results are printed and written to ``benchmarks/out/bench_lint.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from copkit.history import email_index, read_history  # noqa: E402
from copkit.loader import load_repository  # noqa: E402

TODAY = "2026-11-23"  # the generator's history ends here


def repository(out: Path, entities: int, commits: int, seed: int) -> Path:
    path = out / f"e{entities}-c{commits}-s{seed}"
    if not (path / ".git" / "copkit-bench.json").exists():
        print(f"generating {path.name} ...", file=sys.stderr)
        generate(path, entities, commits, seed)
    return path


def best_of(command: list[str], repeat: int) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    times: list[float] = []
    code = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - started)
        code = result.returncode
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {result.stderr.decode()[-500:]}")
    return min(times), code


def history_seconds(path: Path, repeat: int) -> tuple[float, int]:
    repo = load_repository(path).repository
    emails = email_index(repo.people)
    times: list[float] = []
    commits = 0
    for _ in range(repeat):
        started = time.perf_counter()
        history = read_history(repo.root, repo.data_dir, emails)
        _ = history.last_change  # what COP243 reads
        times.append(time.perf_counter() - started)
        commits = len(history.commits)
    return min(times), commits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)

    full = repository(args.out, args.entities, args.commits, args.seed)
    half = repository(args.out, args.entities, args.commits // 2, args.seed)
    python = [sys.executable, "-m", "copkit"]
    validate, _ = best_of([*python, "validate", str(full), "--format", "json"], args.repeat)
    lint, lint_code = best_of(
        [*python, "lint", str(full), "--format", "json", "--today", TODAY], args.repeat
    )
    history_full, commits_full = history_seconds(full, args.repeat)
    history_half, commits_half = history_seconds(half, args.repeat)
    per_commit_full = history_full / max(commits_full, 1) * 1e6
    per_commit_half = history_half / max(commits_half, 1) * 1e6
    results = {
        "entities": args.entities,
        "commits": args.commits,
        "validate_seconds": round(validate, 3),
        "lint_seconds": round(lint, 3),
        "lint_exit_code": lint_code,
        "lint_over_validate": round(lint / validate, 3),
        "history": {
            "half": {"commits": commits_half, "seconds": round(history_half, 3)},
            "full": {"commits": commits_full, "seconds": round(history_full, 3)},
            "microseconds_per_commit": [round(per_commit_half, 1), round(per_commit_full, 1)],
            "growth_for_2x_commits": round(history_full / history_half, 3),
        },
        "targets": {
            "lint_at_most_2x_validate": lint <= 2 * validate,
            "history_linear": statistics.fmean([per_commit_full / per_commit_half]) < 1.5,
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_lint.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
