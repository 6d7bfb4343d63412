"""Running every copkit command against one repository, and checking it behaved.

Two ways to run a command: :func:`run_real` starts the installed entry point in a fresh
process (what CI sees), :func:`run_inprocess` calls the same ``main()`` in this process
with its streams captured, which is fast enough to cover every command on every input.
Either way an exception that escapes ``main()`` ends up as a traceback in the output,
exactly as a user would see it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

TIMEOUT = 120
"""Seconds any one command may take before the harness calls it a hang (generous)."""


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def commands(root: Path, outside: Path) -> dict[str, list[str]]:
    """Every command, as arguments, pointed at the repository ``root``.

    Anything a command writes by design (the site, the Backstage export, CODEOWNERS, a
    new entity) goes to ``outside``, so the repository's own files must stay unchanged;
    ``fmt`` is the one command allowed to rewrite entity files, and is checked apart.
    """
    repo = str(root)
    return {
        "validate": ["validate", repo, "--format", "json"],
        "lint": ["lint", repo, "--today", "2026-06-01"],
        "check": ["check", repo, "--today", "2026-06-01", "--format", "text"],
        "score": ["score", repo, "--today", "2026-06-01"],
        "report": ["report", repo, "--from", "HEAD", "--to", "HEAD"],
        "fmt": ["fmt", "--check", repo],
        "new": ["new", "person", "zed-new", "--path", repo, "--today", "2026-06-01"],
        "export": ["export", "backstage", repo, "-o", str(outside / "backstage")],
        "codeowners": ["codeowners", repo, "--output", str(outside / "CODEOWNERS")],
        "rules": ["rules", "COP201"],
        "experts": ["experts", "python", repo],
        "mentors": ["mentors", repo],
        "gaps": ["gaps", repo],
        "network": ["network", repo],
        "build": ["build", repo, "-d", str(outside / "site")],
    }


def run_real(
    args: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Outcome:
    """The real ``copkit`` entry point in a fresh process, with a timeout.

    The installed console script beside this interpreter when there is one (what CI and
    users run), else ``python -m copkit``; both call ``copkit.cli.main``.
    """
    script = Path(sys.executable).with_name("copkit")
    launcher = [str(script)] if script.is_file() else [sys.executable, "-m", "copkit"]
    result = subprocess.run(
        [*launcher, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )
    return Outcome(result.returncode, result.stdout, result.stderr)


class Hang(BaseException):
    """Raised by the alarm when an in-process command runs past :data:`TIMEOUT`.

    A BaseException, so neither copkit (which turns OSError into a message) nor click
    can swallow it."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang(f"the command ran longer than {TIMEOUT} s")


def run_inprocess(args: Sequence[str], *, cwd: Path | None = None) -> Outcome:
    """``copkit.cli.main()`` in this process, streams captured, exceptions as tracebacks.

    A command that runs longer than :data:`TIMEOUT` is interrupted and reported as a
    traceback ending in :class:`Hang`."""
    from copkit.cli import main

    runner = CliRunner()
    code = 0
    caught = ""
    previous_argv = sys.argv
    previous_cwd = Path.cwd()
    started = time.perf_counter()
    with runner.isolation() as (out, err, *_):
        sys.argv = ["copkit", *args]
        previous_handler = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(TIMEOUT)
        try:
            if cwd is not None:
                os.chdir(cwd)
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:
            caught = traceback.format_exc()
            code = 1
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous_handler)
            sys.argv = previous_argv
            os.chdir(previous_cwd)
            _forget_lifetime()
            sys.stdout.flush()  # what a command wrote without click.echo is still buffered
            sys.stderr.flush()
        stdout = out.getvalue().decode("utf-8", "replace")
        stderr = err.getvalue().decode("utf-8", "replace") if err is not None else ""
    TIMINGS[args[0]] = TIMINGS.get(args[0], 0.0) + time.perf_counter() - started
    return Outcome(code, stdout, stderr + caught)


def _forget_lifetime() -> None:
    """This process goes on after ``main()``: drop what it kept for an exit that never came."""
    from copkit import lifetime

    lifetime._kept.clear()
    lifetime._keeping = False


def tree_digest(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file and link under ``root`` (links not followed).

    copkit's own caches (``.git/copkit/``, see :mod:`copkit.load.cache`) are left out: writing
    them is copkit's business; everything else, ``.git`` included, must stay as it was.
    """
    digest: dict[str, str] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        if Path(folder).name == ".git" and "copkit" in dirs:
            dirs.remove("copkit")
        dirs.sort()
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                digest[relative] = "link:" + os.readlink(path)
            else:
                digest[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


@contextmanager
def unchanged(root: Path) -> Iterator[None]:
    """Assert that nothing under ``root`` was added, removed or rewritten."""
    before = tree_digest(root)
    yield
    after = tree_digest(root)
    assert after == before, _difference(before, after)


def _difference(before: dict[str, str], after: dict[str, str]) -> str:
    changed = sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )
    return f"files changed: {changed[:10]}"


TIMINGS: dict[str, float] = {}
