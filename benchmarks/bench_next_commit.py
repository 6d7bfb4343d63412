"""Benchmark: a command on the commit after a cached one, as CI runs it with the caches kept.

    python benchmarks/bench_next_commit.py --sizes 10000 100000 --cache /work/orgs --no-generate

``bench_scale.py`` measures every command cold (``COPKIT_NO_CACHE=1``): a fresh clone with
nothing cached, where git has to read the whole history. This one measures the usual CI
run instead, with copkit's caches kept between runs (the GitHub Action's ``cache`` input):
for each size, in a clone of the organisation,

1. ``first``: the command runs once with empty caches (and fills them);
2. one commit edits one practice file;
3. ``next``: the command runs again, at the new commit. Only the changed file is parsed
   and only the new commit is read from git (the history cache extends the cached
   history when the new commits follow it in a straight line).

``git log --name-only -- communities`` over the whole history is timed alongside, as in
``bench_score.py``. CPU seconds include git. Prints a Markdown table with the growth of
each row from one size to the next. Not a test: timings never gate CI.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._harness import DEFAULT_CACHE, copkit_env, mib, run_process, table
from benchmarks.bench_scale import COMMANDS, cached, checkout_commit, context

DEFAULT_COMMANDS = ("lint", "score", "experts")


def touch_one_practice(clone: Path) -> None:
    """Commit a one-line change to the first practice file (a comment: still valid)."""
    practice = min((clone / "communities").glob("*/practices/*.yaml"))
    with practice.open("a", encoding="utf-8") as file:
        file.write("# edited by bench_next_commit.py\n")
    last = subprocess.run(
        ["git", "-C", str(clone), "log", "-1", "--format=%ct"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    when = f"@{int(last) + 60} +0000"  # a minute after the last commit: the same "today"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (
        ["add", str(practice)],
        [
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.invalid",
            "commit",
            "-qm",
            "edit",
        ],
    ):
        subprocess.run(["git", "-C", str(clone), *args], check=True, env=env)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--commands",
        nargs="+",
        choices=list(COMMANDS),
        default=list(DEFAULT_COMMANDS),
        metavar="NAME",
    )
    parser.add_argument("--no-generate", action="store_true")
    args = parser.parse_args(argv)
    env = copkit_env()
    env.pop("COPKIT_NO_CACHE", None)
    rows: list[list[object]] = []
    previous: dict[tuple[str, str], tuple[int, float]] = {}
    commit = checkout_commit()
    for entities in args.sizes:
        org = cached(entities, args.seed, args.cache, generate=not args.no_generate)
        for name in ["git log", *args.commands]:
            with tempfile.TemporaryDirectory(prefix="copkit-next-") as scratch_name:
                scratch = Path(scratch_name)
                clone = scratch / "org"
                subprocess.run(["git", "clone", "-q", str(org), str(clone)], check=True)
                if name == "git log":
                    floor = ["git", "-C", str(clone), "log", "--name-only", "--", "communities"]
                    runs = {"whole history": run_process(floor)}
                else:
                    argv_of = COMMANDS[name]
                    runs = {"first": run_process(argv_of(context(clone, scratch)), env=env)}
                    touch_one_practice(clone)
                    runs["next"] = run_process(argv_of(context(clone, scratch)), env=env)
            for phase, run in runs.items():
                before = previous.get((name, phase))
                growth = f"{run.cpu_seconds / before[1]:.1f}x" if before else ""
                previous[name, phase] = (entities, run.cpu_seconds)
                rows.append(
                    [
                        f"{entities:,}",
                        name,
                        phase,
                        run.returncode,
                        f"{run.seconds:.1f}",
                        f"{run.cpu_seconds:.1f}",
                        mib(run.max_rss_bytes),
                        growth,
                    ]
                )
                print(" ".join(str(cell) for cell in rows[-1]), file=sys.stderr, flush=True)
    headers = ["entities", "command", "run", "exit", "wall s", "CPU s", "peak RSS", "CPU growth"]
    print(f"copkit at {commit}\n")
    print(table(headers, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
