"""Shared pieces of copkit's benchmarks: timed child processes, cached organisations, tables.

Every measurement is of a whole child process (start-up, imports and all), because that is
what a contributor waits for in CI. Time is wall-clock from fork to exit; CPU time and
peak memory come from the kernel's accounting of that one child (``os.wait4``), so they do
not mix up children the way ``getrusage(RUSAGE_CHILDREN)`` does. See ``_LAUNCHER`` for why
the child is not spawned by the harness directly.
"""

from __future__ import annotations

import compileall
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

REPO_ROOT = Path(__file__).resolve().parent.parent
"""The copkit checkout these benchmarks belong to."""
K = TypeVar("K")

DEFAULT_CACHE = REPO_ROOT / "benchmarks" / "out" / "orgs"
"""Where generated organisations are kept between runs (ignored by git)."""


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    seconds: float
    """Wall-clock time from spawn to exit."""
    cpu_seconds: float
    """User plus system CPU time of the child (and of nothing else)."""
    max_rss_bytes: int
    """Peak resident memory of the child."""
    returncode: int
    timed_out: bool = False
    """The run was killed because it took longer than its timeout."""
    stderr_tail: str = ""
    """The last few KB of the child's error output (to tell a traceback from a finding)."""


# The measured command is started by this small launcher, not by the harness itself:
# Linux carries a process's peak RSS across exec, and a child spawned by the harness
# (fork or vfork, then exec) would report at least the harness's own peak. The launcher
# (python -S, about 10 MiB) forks a fresh child, times it, and reports its own rusage.
_LAUNCHER = """
import os, signal, sys, time
report = int(sys.argv[1])
argv = sys.argv[2:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(report)
    try:
        os.setpgid(0, 0)
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
# SIGTERM (a timeout) kills the command's whole process group, then it is still measured.
signal.signal(signal.SIGTERM, lambda *_: os.killpg(pid, signal.SIGKILL))
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
line = "%r %r %r %r" % (seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                        os.waitstatus_to_exitcode(status))
os.write(report, line.encode())
"""


def run_process(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    stdout: int | None = subprocess.DEVNULL,
    timeout: float | None = None,
) -> Run:
    """Run ``argv`` to completion and measure it (and only it).

    With ``timeout`` (seconds), a run still going then is killed with its whole process
    group (the launcher does it on SIGTERM); it is still measured (its returncode is
    -SIGKILL) and marked ``timed_out``.
    """
    read_end, write_end = os.pipe()
    try:
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", _LAUNCHER, str(write_end), *argv],
            env=env,
            cwd=cwd,
            stdout=stdout,
            stderr=subprocess.PIPE,
            pass_fds=(write_end,),
        )
    finally:
        os.close(write_end)
    timed_out = threading.Event()
    timer: threading.Timer | None = None
    if timeout is not None:

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)

        timer = threading.Timer(timeout, kill)
        timer.start()
    with os.fdopen(read_end, "rb") as report:
        # stderr is drained on a thread so that a chatty child never blocks on a full pipe.
        stderr_chunks: list[bytes] = []
        reader = _drain(process.stderr, stderr_chunks)
        measured = report.read().decode()
        process.wait()
        reader.join()
        if process.stderr is not None:
            process.stderr.close()
    if timer is not None:
        timer.cancel()
    stderr = b"".join(stderr_chunks).decode(errors="replace")
    if not measured:
        raise RuntimeError(f"the launcher failed: {stderr}")
    seconds, cpu, max_rss_kib, returncode = measured.split()
    if int(returncode) and os.environ.get("COPKIT_BENCH_VERBOSE"):
        sys.stderr.write(stderr)
    return Run(
        seconds=float(seconds),
        cpu_seconds=float(cpu),
        max_rss_bytes=int(max_rss_kib) * 1024,  # KiB on Linux
        returncode=int(returncode),
        timed_out=timed_out.is_set(),
        stderr_tail=stderr[-4000:],
    )


def _drain(stream: IO[bytes] | None, chunks: list[bytes]) -> threading.Thread:
    def read() -> None:
        assert stream is not None
        for chunk in iter(lambda: stream.read(65536), b""):
            chunks.append(chunk)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@dataclass(frozen=True)
class Measurement:
    """Repeated runs of one command: the best time, and the worst memory seen."""

    name: str
    runs: tuple[Run, ...]

    @property
    def best(self) -> float:
        return min(run.seconds for run in self.runs)

    @property
    def best_cpu(self) -> float:
        return min(run.cpu_seconds for run in self.runs)

    @property
    def peak_rss(self) -> int:
        return max(run.max_rss_bytes for run in self.runs)


def combine(runs: Sequence[Run]) -> Run:
    """Several processes that together make one measurement (e.g. one per schema)."""
    return Run(
        seconds=sum(run.seconds for run in runs),
        cpu_seconds=sum(run.cpu_seconds for run in runs),
        max_rss_bytes=max(run.max_rss_bytes for run in runs),
        returncode=max((run.returncode for run in runs), key=abs, default=0),
    )


def best_of(
    commands: dict[K, Callable[[], Run]], repeat: int, *, check: bool = True
) -> dict[K, Measurement]:
    """Run each command ``repeat`` times, interleaved (a, b, c, a, b, c, ...), so that a
    busy moment on the machine hurts every command alike; keep every run."""
    runs: dict[K, list[Run]] = {key: [] for key in commands}
    for _ in range(repeat):
        for key, command in commands.items():
            run = command()
            if check and run.returncode != 0:
                raise RuntimeError(
                    f"{key} exited with {run.returncode}; a failing run is not a benchmark "
                    "(set COPKIT_BENCH_VERBOSE=1 to see its error output)"
                )
            runs[key].append(run)
    return {key: Measurement(str(key), tuple(found)) for key, found in runs.items()}


def copkit_env() -> dict[str, str]:
    """Environment that runs this checkout's copkit (``src/``), not an installed one.

    Its modules are compiled to bytecode first, as ``pip install`` compiles an installed
    copkit: without it, a machine that sets ``PYTHONDONTWRITEBYTECODE`` (this one does)
    would have every copkit process compile all of copkit's sources on every run, a cost
    no installed copkit pays (about 0.5 s of a cold ``score`` across its processes).
    """
    env = dict(os.environ)
    source = str(REPO_ROOT / "src")
    compileall.compile_dir(source, quiet=1)  # writes only what is missing or stale
    env["PYTHONPATH"] = source + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def python() -> str:
    return sys.executable


# -- generated organisations ---------------------------------------------------------------


def organisation(
    entities: int, commits: int, seed: int, cache: Path = DEFAULT_CACHE, *, quiet: bool = False
) -> Path:
    """A generated organisation with these arguments, from the cache or freshly generated.

    A cached copy is reused only if its manifest names the same arguments and the same
    generator version (a hash of ``generate.py``).
    """
    from benchmarks.generate import GENERATOR_VERSION, generate, read_manifest

    target = cache / f"org-{entities}e-{commits}c-s{seed}"
    manifest = read_manifest(target)
    if manifest and manifest.get("generator_version") == GENERATOR_VERSION:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    if not quiet:
        print(
            f"generating {entities} entities, {commits} commits (seed {seed}) into {target}",
            file=sys.stderr,
            flush=True,
        )
    started = time.perf_counter()
    # Generate beside the target and swap it in, so an interrupted run leaves no half
    # organisation that looks complete.
    scratch = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=cache))
    try:
        generate(scratch / "org", entities, commits, seed)
        if target.exists():
            shutil.rmtree(target)
        (scratch / "org").rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if not quiet:
        print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return target


def entity_files(data_dir: Path) -> list[Path]:
    """Every ``*.yaml`` / ``*.yml`` file under ``data_dir``, hidden ones skipped, sorted."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(data_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in files
            if name.endswith((".yaml", ".yml")) and not name.startswith(".")
        )
    found.sort()
    return found


def warm_page_cache(files: Sequence[Path]) -> None:
    """Read every file once, so the first timed command does not pay for the disk."""
    for path in files:
        path.read_bytes()


# -- output ----------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, columns padded so that it also reads well in a terminal."""
    cells = [[str(h) for h in headers], *[[_cell(value) for value in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [
        all(_is_number(row[i]) for row in cells[1:]) and len(cells) > 1 for i in range(len(headers))
    ]

    def line(row: Sequence[str]) -> str:
        padded = [
            value.rjust(widths[i]) if numeric[i] else value.ljust(widths[i])
            for i, value in enumerate(row)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (w + 1) + ":" if numeric[i] else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.2f}"
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text.rstrip("x%").replace(",", ""))
    except ValueError:
        return text in ("", "-")
    return True


def mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"
