"""Run ``copkit report`` printing resident memory (now and peak) around each phase.

    python benchmarks/rss_phases.py report ORG --from SHA --to HEAD > /dev/null

Each line on stderr: seconds since start, ``>`` entering or ``<`` leaving a phase, and
VmRSS / VmHWM from ``/proc/self/status`` (Linux). Phases: ``_point`` (one side of the
report), ``load_valid``, ``history_at``, ``score_repository``, ``compare``,
``to_markdown``, and the parse cache's ``_read`` and ``save``. It shows where a peak
happens, which ``/usr/bin/time`` alone cannot.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from typing import Any

STARTED = time.time()


def memory() -> str:
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":", 1) for line in status)
    now, peak = (int(fields[name].split()[0]) // 1024 for name in ("VmRSS", "VmHWM"))
    return f"rss {now} MiB, peak {peak} MiB"


def traced(owner: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(original)
    def phase(*args: Any, **kwargs: Any) -> Any:
        print(f"{time.time() - STARTED:7.1f}s > {name}: {memory()}", file=sys.stderr, flush=True)
        result = original(*args, **kwargs)
        print(f"{time.time() - STARTED:7.1f}s < {name}: {memory()}", file=sys.stderr, flush=True)
        return result

    setattr(owner, name, phase)


def main() -> None:
    import copkit.commands.report as report
    from copkit.cli import main as copkit
    from copkit.load.cache import ParseCache

    for name in ("load_valid", "history_at", "score_repository", "compare", "to_markdown"):
        traced(report, name)
    traced(report, "_point")
    traced(ParseCache, "save")
    traced(ParseCache, "_read")
    sys.argv = ["copkit", *sys.argv[1:]]
    copkit()


if __name__ == "__main__":
    main()
