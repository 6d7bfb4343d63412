"""Helper processes on the second core: starting them, feeding them, keeping them polite.

Loading uses two: one parses files while the loader does (:mod:`copkit.load.prefetch`),
one writes the parse cache while the command goes on (:mod:`copkit.load.cache_writer`).
Both are ``python -m copkit...`` processes started here, fed over a pipe only the two ends
hold, at a lower priority than the command they serve. ``COPKIT_PARALLEL=0`` turns both off.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path


def parallel_disabled() -> bool:
    """Whether ``COPKIT_PARALLEL=0`` asks for one process."""
    return os.environ.get("COPKIT_PARALLEL", "").strip() in ("0", "false", "no", "off")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def helpers_possible() -> bool:
    """Whether a helper process can run beside this one (not turned off, two cores, POSIX)."""
    if parallel_disabled() or not sys.executable:
        return False
    return os.name == "posix" and cores() >= 2


def start_helper(module: str, *args: str, output: bool) -> subprocess.Popen[bytes] | None:
    """``python -m module args...`` with a pipe to its input (and from its output)."""
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE if output else subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_helper_environment(),
        )
    except OSError:
        return None
    _lower_priority(process.pid)
    return process


def send_in_background(process: subprocess.Popen[bytes], data: bytes) -> threading.Thread:
    """Write ``data`` to the helper's input and close it, from a thread.

    The data is larger than a pipe holds: writing it here would wait for the helper's
    interpreter to start and read. A dead helper is ignored.
    """
    thread = threading.Thread(target=_send, args=(process, data), daemon=True)
    thread.start()
    return thread


def _send(process: subprocess.Popen[bytes], data: bytes) -> None:
    assert process.stdin is not None
    with contextlib.suppress(OSError, ValueError):
        process.stdin.write(data)
    with contextlib.suppress(OSError, ValueError):
        process.stdin.close()


HELPER_NICENESS = 10
"""A helper's priority, below the command's (0): the command is the critical path."""


def _lower_priority(pid: int) -> None:
    """Let the helper use only what the command leaves."""
    with contextlib.suppress(AttributeError, OSError):  # not POSIX, or refused: no matter
        os.setpriority(os.PRIO_PROCESS, pid, HELPER_NICENESS)


def _helper_environment() -> dict[str, str]:
    """The environment of a helper: this one, with copkit importable as it is here."""
    env = dict(os.environ)
    source = str(Path(__file__).resolve().parent.parent.parent)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = source if not path else source + os.pathsep + path
    return env
