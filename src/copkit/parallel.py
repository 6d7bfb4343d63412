"""Independent pieces of work shared with a forked copy of this process, on the second core.

After loading, a command's work on the repository is one core's: the other idles once
git and the parsing helper are done. :func:`map_in_two` computes a function over a list
of items, every other one in a child made with ``fork`` (it sees the loaded repository
as it is, nothing is sent to it), the rest here, and returns the results in order,
exactly as a plain loop would. Alternate items, not halves: neighbours in a sorted list
(communities by id) are no likelier to cost the same than any two.

The child sends its results back pickled, over a pipe only the two hold: a copy of this
very process, not outside data. Whatever goes wrong there (no ``fork``, a child that
fails, dies or sends something unreadable) the parent computes the missing half itself,
so an error is raised here, as a plain loop would raise it. There is no fork where
``COPKIT_PARALLEL=0``, with one core, or when other threads are running (forking copies
only the calling thread, which could leave the child holding a lock no one releases).
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from copkit.load.helpers import helpers_possible

T = TypeVar("T")
R = TypeVar("R")


def fork_possible() -> bool:
    """Whether :func:`map_in_two` may fork now."""
    return hasattr(os, "fork") and helpers_possible() and threading.active_count() == 1


def map_in_two(function: Callable[[T], R], items: Sequence[T], *, min_items: int = 2) -> list[R]:
    """``[function(item) for item in items]``, every other item computed in a forked child."""
    if len(items) < min_items or not fork_possible():
        return [function(item) for item in items]
    ours, others = items[0::2], items[1::2]
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [function(item) for item in items]
    if child == 0:  # pragma: no cover - the child's lines run in the forked process
        _child(function, others, read_end, write_end)
    os.close(write_end)
    mine = [function(item) for item in ours]
    with open(read_end, "rb") as stream:
        sent = stream.read()
    _, status = os.waitpid(child, 0)
    theirs: list[R] | None = None
    if status == 0:
        try:
            theirs = pickle.loads(sent)
        except Exception:  # anything unreadable: computed here instead
            theirs = None
    if not isinstance(theirs, list) or len(theirs) != len(others):
        theirs = [function(item) for item in others]
    results: list[R] = []
    for index, result in enumerate(mine):
        results.append(result)
        if index < len(theirs):
            results.append(theirs[index])
    return results


def _child(function: Callable[[T], R], items: Sequence[T], read_end: int, write_end: int) -> None:
    """Compute and send the results, then leave at once (no atexit handlers, no flushing)."""
    code = 1
    try:
        gc.disable()  # a collection would touch, and so copy, every page of the parent's heap
        os.close(read_end)
        data = pickle.dumps([function(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL)
        with open(write_end, "wb") as stream:
            stream.write(data)
        code = 0
    finally:
        os._exit(code)
