"""The site build's inputs, step by step, with resident memory after each (Linux).

    COPKIT_NO_CACHE=1 PYTHONPATH=src python benchmarks/build_rss.py ORG [--no-render]

Runs what the MkDocs plugin runs before MkDocs converts the pages, in its order: load and
release the sources (``on_config``), read the history, then in ``on_files`` the health
scores, the expertise network and the rendering (pages counted and dropped, not spilled).
Each line on stderr: seconds since start, the step, VmRSS after it and the step's own
peak (VmHWM, reset before each step through ``/proc/self/clear_refs``). A 100,000-entity
build's memory high point shows here in minutes instead of the build's hour.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

STARTED = time.time()


def status() -> tuple[int, int]:
    """VmRSS and VmHWM in MiB."""
    with open("/proc/self/status", encoding="ascii") as stream:
        fields = dict(line.split(":", 1) for line in stream)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def mark(step: str) -> None:
    now, peak = status()
    elapsed = time.time() - STARTED
    print(f"{elapsed:7.1f}s {step:24s} rss {now:6d} MiB  step peak {peak:6d} MiB", file=sys.stderr)
    with open("/proc/self/clear_refs", "w", encoding="ascii") as stream:
        stream.write("5")  # resets VmHWM to the current VmRSS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("org", type=Path)
    parser.add_argument("--no-render", action="store_true", help="stop after the network")
    options = parser.parse_args()

    from copkit.history import history_of
    from copkit.loader import load_repository
    from copkit.render import render_site
    from copkit.render.inputs import lint_rules, network, score
    from copkit.render.site import history_date

    mark("imports")
    repository = load_repository(options.org).repository
    mark("load")
    repository.release_sources()
    mark("release sources")
    history = history_of(repository)
    mark("history")
    as_of = history_date(history) or dt.date.today()
    health = score(repository, history, as_of)
    mark("score")
    expertise = network(repository, history)
    mark("network")
    if options.no_render:
        return
    pages = [0, 0]

    def sink(path: str, markdown: str, entity: bool) -> None:
        pages[0] += 1
        pages[1] += len(markdown)

    render_site(
        repository,
        history=history,
        health=health,
        rules=lint_rules(repository),
        as_of=as_of,
        network=expertise,
        sink=sink,
    )
    mark(f"render ({pages[0]} pages)")


if __name__ == "__main__":
    main()
