"""Benchmark: ``copkit score`` (with the 12-month trend) against the floor of reading history.

    python benchmarks/bench_score.py [--entities 10000] [--commits 20000] [--repeat 3]
    python benchmarks/bench_score.py --cache /work/orgs
    python benchmarks/bench_score.py --repo ORG --repo-doubled ORG2

Uses the synthetic organisations of ``benchmarks/generate.py`` at N and 2N commits (from
``--cache``, generated there when missing, or given with ``--repo`` / ``--repo-doubled``).
Each is cloned once (a local clone: hard links, seconds) into ``benchmarks/out/score/``, so
copkit's parse cache is written into the clone's git directory, never the original's.
Timed in the same run, interleaved (floor, cold, warm, floor, ...) so that a busy moment
hurts each alike:

- floor: ``git log --name-only -- DATA`` over the same history, the least any tool must do
  to read it;
- cold: ``copkit score --format json`` (all communities, trend included) after deleting the
  parse cache, so every file is parsed (and the cache written, as a first run does);
- warm: the same command right after, the cache filled by the cold run.

Targets (issue 4): score takes at most 3x the floor, and doubling the commits at most
doubles the score's time. Reports best wall and CPU seconds of ``--repeat`` runs each and
the verdicts for cold and warm runs. Not a test: timings never gate the test suite.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._harness import (
    DEFAULT_CACHE,
    REPO_ROOT,
    Measurement,
    Run,
    best_of,
    copkit_env,
    organisation,
    python,
    run_process,
    table,
)

CLONES = REPO_ROOT / "benchmarks" / "out" / "score"
MAX_RATIO = 3.0
MAX_GROWTH = 2.0


def working_clone(origin: Path) -> Path:
    """A local clone of ``origin`` for copkit to write its cache into (reused when current)."""
    target = CLONES / origin.name

    def head(repo: Path) -> str:
        result = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    if target.is_dir() and head(target) and head(target) == head(origin):
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"cloning {origin} into {target}", file=sys.stderr, flush=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(target)], check=True)
    return target


def cache_folder(repo: Path) -> Path:
    result = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--git-common-dir"],
        capture_output=True,
        text=True,
        check=True,
    )
    common = Path(result.stdout.strip())
    return (common if common.is_absolute() else repo / common) / "copkit" / "cache"


def measure(repo: Path, repeat: int) -> dict[str, Measurement]:
    env = copkit_env()
    env.pop("COPKIT_NO_CACHE", None)
    score = [python(), "-m", "copkit", "score", str(repo), "--format", "json"]
    cache = cache_folder(repo)

    def floor() -> Run:
        return run_process(["git", "-C", str(repo), "log", "--name-only", "--", "communities"])

    def cold() -> Run:
        shutil.rmtree(cache, ignore_errors=True)
        return run_process(score, env=env)

    def warm() -> Run:
        return run_process(score, env=env)

    floor()  # the history into the page cache before anything is timed
    return best_of({"floor": floor, "cold": cold, "warm": warm}, repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=20_000, help="N; 2N is timed too")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best reported)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"where generated organisations are kept (default {DEFAULT_CACHE})",
    )
    parser.add_argument("--repo", type=Path, help="the organisation at N commits")
    parser.add_argument("--repo-doubled", type=Path, help="the organisation at 2N commits")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 on a missed target")
    args = parser.parse_args()
    if (args.repo is None) != (args.repo_doubled is None):
        parser.error("give both --repo and --repo-doubled, or neither")

    sizes = (args.commits, 2 * args.commits)
    if args.repo is not None:
        origins = {args.commits: args.repo, 2 * args.commits: args.repo_doubled}
    else:
        origins = {c: organisation(args.entities, c, args.seed, args.cache) for c in sizes}
    results = {c: measure(working_clone(origins[c].resolve()), args.repeat) for c in sizes}

    rows = []
    for commits, found in results.items():
        floor = found["floor"]
        for name in ("cold", "warm"):
            run = found[name]
            rows.append(
                [
                    f"{commits:,}",
                    name,
                    floor.best,
                    run.best,
                    run.best / floor.best,
                    floor.best_cpu,
                    run.best_cpu,
                    run.best_cpu / floor.best_cpu,
                    " ".join(f"{r.seconds:.2f}" for r in run.runs),
                ]
            )
    print(
        table(
            [
                "commits",
                "cache",
                "git log s",
                "score s",
                "ratio",
                "git log CPU s",
                "score CPU s",
                "CPU ratio",
                "all score runs (s)",
            ],
            rows,
        )
    )
    base, double = results[sizes[0]], results[sizes[1]]
    verdict: dict[str, object] = {}
    ok = True
    for name in ("cold", "warm"):
        ratio = max(found[name].best / found["floor"].best for found in results.values())
        growth = double[name].best / base[name].best
        met = ratio <= MAX_RATIO and growth <= MAX_GROWTH
        ok = ok and met
        print(
            f"{name}: at most {ratio:.2f}x git log (target {MAX_RATIO:g}x); doubling the "
            f"commits multiplied the time by {growth:.2f} (target {MAX_GROWTH:g}): "
            f"{'met' if met else 'MISSED'}"
        )
        verdict[name] = {
            "max_ratio_to_floor": round(ratio, 2),
            "doubling_growth": round(growth, 2),
            "targets_met": met,
        }
    if args.json is not None:
        runs = {
            str(commits): {
                name: {
                    "best_s": m.best,
                    "best_cpu_s": m.best_cpu,
                    "runs_s": [r.seconds for r in m.runs],
                }
                for name, m in found.items()
            }
            for commits, found in results.items()
        }
        args.json.write_text(json.dumps({"verdict": verdict, "runs": runs}, indent=2) + "\n")
    print(json.dumps(verdict))
    return 1 if args.fail_on_miss and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
