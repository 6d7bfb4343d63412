"""Benchmark: every copkit command on a ladder of organisation sizes (the scale ladder).

    python benchmarks/bench_scale.py
    python benchmarks/bench_scale.py --sizes 1000 10000 --cache /work/orgs --json out.json
    python benchmarks/bench_scale.py --sizes 100000 --commands build mentors --timeout 3600

For each size N (entities; the history has 2 x N commits, seed 1) the organisation comes
from the cache (``benchmarks/generate.py`` makes it when missing) and each selected
command runs once, as its own process, one after the other, with this checkout's ``src/``
first on ``PYTHONPATH``. Each is measured by the harness's launcher: wall seconds, CPU
seconds (user + system of that process and the git processes it waited for) and peak RSS.

A command passes when it exits 0, or 1 (findings: a generated organisation is not meant to
be flawless), and wrote no traceback; a crash, a usage error (2), a signal, a traceback or
a timeout is a failure. Targets (issue 8):

* every command completes, at every size;
* peak memory under 2 GiB, at every size;
* time grows at most linearly from 10,000 to 100,000 entities: the CPU-time ratio of the
  two sizes at most 12x (10x, with the tolerance that ``bench_validate.py`` allows for a
  busy machine). CPU seconds, not wall seconds, because the machine is shared.

Prints a Markdown table (also written with ``--json FILE``, after every command, so an
interrupted run keeps what it measured; ``--resume`` skips what that file already holds).
Exit 1 with ``--fail-on-miss`` when a target is missed. Not a test: timings never gate CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._harness import (
    DEFAULT_CACHE,
    REPO_ROOT,
    Run,
    copkit_env,
    mib,
    organisation,
    python,
    run_process,
    table,
)

MEMORY_LIMIT = 2 * 2**30
"""Peak RSS every command must stay under, at every size."""
LINEAR_LIMIT = 12.0
"""Largest allowed CPU-time ratio between a size and one ten times smaller."""
QUERY = "how do we monitor model drift?"
"""The question asked of ``copkit experts``."""


@dataclass(frozen=True)
class Context:
    """What a command's argument list may need."""

    org: Path
    scratch: Path
    today: str
    year_ago: str


def _copkit(*args: str) -> list[str]:
    return [python(), "-m", "copkit", *args]


COMMANDS: dict[str, Callable[[Context], list[str]]] = {
    "rules": lambda c: _copkit("rules"),
    "validate": lambda c: _copkit("validate", str(c.org)),
    "fmt --check": lambda c: _copkit("fmt", "--check", str(c.org)),
    "lint": lambda c: _copkit("lint", str(c.org), "--today", c.today),
    "lint --base": lambda c: _copkit("lint", str(c.org), "--today", c.today, "--base", "HEAD~20"),
    "check": lambda c: _copkit("check", str(c.org), "--today", c.today),
    "codeowners": lambda c: _copkit(
        "codeowners", str(c.org), "--output", str(c.scratch / "CODEOWNERS")
    ),
    "export backstage": lambda c: _copkit(
        "export", "backstage", str(c.org), "-o", str(c.scratch / "backstage"), "--today", c.today
    ),
    "score": lambda c: _copkit("score", str(c.org), "--today", c.today, "--format", "json"),
    "report": lambda c: _copkit("report", str(c.org), "--from", c.year_ago, "--to", "HEAD"),
    "experts": lambda c: _copkit("experts", QUERY, str(c.org)),
    "gaps": lambda c: _copkit("gaps", str(c.org)),
    "mentors": lambda c: _copkit("mentors", str(c.org)),
    "network": lambda c: _copkit("network", str(c.org)),
    "build": lambda c: _copkit("build", str(c.org), "-d", str(c.scratch / "site")),
}
"""Every command, cheapest first, with the arguments a user would give it."""


@dataclass(frozen=True)
class Result:
    """One command at one size."""

    entities: int
    command: str
    argv: list[str]
    seconds: float
    cpu_seconds: float
    max_rss_bytes: int
    returncode: int
    timed_out: bool
    traceback: bool
    error: str
    commit: str
    """The copkit commit measured (``+`` when the checkout had uncommitted changes)."""

    @property
    def completed(self) -> bool:
        return self.returncode in (0, 1) and not self.timed_out and not self.traceback


def git(org: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(org), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def context(org: Path, scratch: Path) -> Context:
    """Today (the last commit's day) and the commit a year before it, for ``report``."""
    last = dt.datetime.fromisoformat(git(org, "log", "-1", "--format=%cI"))
    before = (last - dt.timedelta(days=365)).isoformat()
    year_ago = git(org, "rev-list", "-1", f"--before={before}", "HEAD")
    return Context(org, scratch, last.date().isoformat(), year_ago)


def checkout_commit() -> str:
    dirty = git(REPO_ROOT, "status", "--porcelain", "--untracked-files=no", "--", "src")
    return git(REPO_ROOT, "rev-parse", "--short=12", "HEAD") + ("+" if dirty else "")


def measure(entities: int, name: str, org: Path, timeout: float) -> Result:
    with tempfile.TemporaryDirectory(prefix="copkit-scale-") as scratch_name:
        scratch = Path(scratch_name)
        argv = COMMANDS[name](context(org, scratch))
        commit = checkout_commit()  # before the run: the code it imports
        # The working folder is the scratch folder, so nothing lands in the organisation.
        run: Run = run_process(argv, env=copkit_env(), cwd=scratch, timeout=timeout)
    tail = run.stderr_tail
    traceback = "Traceback (most recent call last)" in tail
    error = ""
    if run.timed_out:
        error = f"timed out after {timeout:.0f} s"
    elif traceback or run.returncode not in (0, 1):
        lines = [line for line in tail.splitlines() if line.strip()]
        error = lines[-1][:200] if lines else f"exit {run.returncode}"
    shown = [str(part).replace(str(org), "ORG") for part in argv[1:]]
    shown = [part.replace(str(scratch), "TMP") for part in shown]
    return Result(
        entities=entities,
        command=name,
        argv=["python", *shown],
        seconds=run.seconds,
        cpu_seconds=run.cpu_seconds,
        max_rss_bytes=run.max_rss_bytes,
        returncode=run.returncode,
        timed_out=run.timed_out,
        traceback=traceback,
        error=error,
        commit=commit,
    )


def ratios(results: Sequence[Result]) -> dict[str, tuple[int, int, float, float]]:
    """Per command: (smaller size, larger size, CPU ratio, wall ratio) for each pair of
    sizes ten times apart (the largest such pair)."""
    by = {(r.entities, r.command): r for r in results}
    sizes = sorted({r.entities for r in results})
    found: dict[str, tuple[int, int, float, float]] = {}
    for command in dict.fromkeys(r.command for r in results):
        for large in reversed(sizes):
            small = large // 10
            if (small, command) in by and (large, command) in by:
                a, b = by[small, command], by[large, command]
                if a.completed and b.completed:
                    found[command] = (
                        small,
                        large,
                        b.cpu_seconds / a.cpu_seconds,
                        b.seconds / a.seconds,
                    )
                break
    return found


def verdicts(results: Sequence[Result]) -> tuple[str, list[str]]:
    """The summary table and the list of missed targets."""
    growth = ratios(results)
    misses: list[str] = []
    rows: list[list[object]] = []
    for r in results:
        status = "ok" if r.completed else (r.error or f"exit {r.returncode}")
        if not r.completed:
            misses.append(f"{r.command} at {r.entities}: did not complete ({status})")
        memory_ok = r.max_rss_bytes < MEMORY_LIMIT
        if not memory_ok:
            misses.append(f"{r.command} at {r.entities}: peak RSS {mib(r.max_rss_bytes)}")
        ratio = ""
        if r.command in growth and growth[r.command][1] == r.entities:
            small, _, cpu_ratio, wall_ratio = growth[r.command]
            ratio = f"{cpu_ratio:.1f}x ({wall_ratio:.1f}x)"
            if cpu_ratio > LINEAR_LIMIT:
                misses.append(
                    f"{r.command}: CPU {cpu_ratio:.1f}x from {small} to {r.entities} entities"
                )
        rows.append(
            [
                f"{r.entities:,}",
                r.command,
                r.returncode,
                f"{r.seconds:.1f}",
                f"{r.cpu_seconds:.1f}",
                mib(r.max_rss_bytes),
                "yes" if memory_ok else "NO",
                ratio,
                status,
                r.commit,
            ]
        )
    headers = [
        "entities",
        "command",
        "exit",
        "wall s",
        "CPU s",
        "peak RSS",
        "< 2 GiB",
        "CPU (wall) vs 1/10",
        "status",
        "commit",
    ]
    commands = dict.fromkeys(r.command for r in results)
    for entities in sorted({r.entities for r in results}):
        measured = {r.command for r in results if r.entities == entities}
        misses.extend(
            f"{command} at {entities}: not measured"
            for command in commands
            if command not in measured
        )
    return table(headers, rows), misses


def load(path: Path) -> list[Result]:
    if not path.is_file():
        return []
    return [Result(**item) for item in json.loads(path.read_text(encoding="utf-8"))["results"]]


def save(path: Path, results: Sequence[Result]) -> None:
    data = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "results": [asdict(r) for r in results],
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def cached(entities: int, seed: int, cache: Path, *, generate: bool) -> Path:
    """The organisation of this size, generated into ``cache`` only if ``generate``."""
    from benchmarks.generate import GENERATOR_VERSION, read_manifest

    if not generate:
        target = cache / f"org-{entities}e-{2 * entities}c-s{seed}"
        manifest = read_manifest(target)
        if not manifest or manifest.get("generator_version") != GENERATOR_VERSION:
            raise SystemExit(f"{target}: missing or made by another generate.py (--no-generate)")
        return target
    return organisation(entities, 2 * entities, seed, cache)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--commands", nargs="+", choices=list(COMMANDS), default=list(COMMANDS), metavar="NAME"
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per command")
    parser.add_argument("--json", type=Path, help="write the results here, after each command")
    parser.add_argument("--resume", action="store_true", help="keep what --json FILE holds")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="run nothing: print the table and verdicts of what --json FILE holds",
    )
    parser.add_argument("--fail-on-miss", action="store_true")
    parser.add_argument(
        "--no-generate",
        action="store_true",
        help="use only organisations already in --cache; stop if one is missing or stale",
    )
    args = parser.parse_args(argv)
    if (args.resume or args.report_only) and args.json is None:
        parser.error("--resume and --report-only need --json FILE")
    os.environ.setdefault("PYTHONHASHSEED", "0")
    results = load(args.json) if (args.resume or args.report_only) and args.json else []
    done = {(r.entities, r.command) for r in results}
    for entities in [] if args.report_only else args.sizes:
        org = cached(entities, args.seed, args.cache, generate=not args.no_generate)
        for name in args.commands:
            if (entities, name) in done:
                continue
            result = measure(entities, name, org, args.timeout)
            results.append(result)
            print(
                f"{entities:>7} {name:<17} exit {result.returncode:>3} "
                f"{result.seconds:8.1f} s  CPU {result.cpu_seconds:8.1f} s  "
                f"{mib(result.max_rss_bytes):>9}  {result.error}",
                file=sys.stderr,
                flush=True,
            )
            if args.json:
                save(args.json, results)
    order = {name: index for index, name in enumerate(COMMANDS)}
    results.sort(key=lambda r: (r.entities, order[r.command]))
    summary, misses = verdicts(results)
    print(summary)
    print()
    print("\n".join(f"MISS: {miss}" for miss in misses) if misses else "all targets met")
    return 1 if misses and args.fail_on_miss else 0


if __name__ == "__main__":
    sys.exit(main())
