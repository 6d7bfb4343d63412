"""Independent pieces of work shared with a forked copy of this process, on the second core.

After loading, a command's work on the repository is one core's: the other idles once
git and the parsing helper are done. :func:`map_in_two` computes a function over a list
of items in two processes, this one and a child made with ``fork`` (it sees the loaded
repository as it is, nothing is sent to it), and returns the results in order, exactly
as a plain loop would. This process takes items from the front, the child from the back,
each claiming an item in a shared byte map before computing it, until they meet: the
share of each follows its speed (the child also pays for the pages it copies, and shares
its core with other helpers), so neither waits long for the other. Two that claim the
same item at the same moment both compute it, and the one result kept is the same.

The child sends its results back pickled, over a pipe only the two hold: a copy of this
very process, not outside data. Whatever goes wrong there (no ``fork``, a child that
fails, dies or sends something unreadable) the parent computes the missing items itself,
so an error is raised here, as a plain loop would raise it. There is no fork where
``COPKIT_PARALLEL=0``, with one core, or when other threads are running (forking copies
only the calling thread, which could leave the child holding a lock no one releases).
"""

from __future__ import annotations

import gc
import mmap
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


_FREE, _OURS, _THEIRS = 0, 1, 2


def map_in_two(function: Callable[[T], R], items: Sequence[T], *, min_items: int = 2) -> list[R]:
    """``[function(item) for item in items]``, the last items computed in a forked child."""
    if len(items) < min_items or not fork_possible():
        return [function(item) for item in items]
    count = len(items)
    claims = mmap.mmap(-1, count)  # anonymous and shared: the child writes into the same bytes
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [function(item) for item in items]
    if child == 0:  # pragma: no cover - the child's lines run in the forked process
        _child(function, items, claims, read_end, write_end)
    os.close(write_end)
    results: list[R] = []
    for index in range(count):
        if claims[index] == _THEIRS:  # the child has this one, and every one after it
            break
        claims[index] = _OURS
        results.append(function(items[index]))
    with open(read_end, "rb") as stream:
        sent = stream.read()
    _, status = os.waitpid(child, 0)
    claims.close()
    theirs: dict[int, R] = {}
    if status == 0:
        try:
            theirs = dict(pickle.loads(sent))
        except Exception:  # anything unreadable: computed here instead
            theirs = {}
    for index in range(len(results), count):
        results.append(theirs[index] if index in theirs else function(items[index]))
    return results


def _child(
    function: Callable[[T], R],
    items: Sequence[T],
    claims: mmap.mmap,
    read_end: int,
    write_end: int,
) -> None:
    """Compute items from the back until the parent's, send them, then leave at once."""
    code = 1
    try:
        gc.disable()  # a collection would touch, and so copy, every page of the parent's heap
        os.close(read_end)
        done: list[tuple[int, R]] = []
        for index in range(len(items) - 1, -1, -1):
            if claims[index] == _OURS:
                break
            claims[index] = _THEIRS
            done.append((index, function(items[index])))
        data = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        with open(write_end, "wb") as stream:
            stream.write(data)
        code = 0
    finally:
        os._exit(code)
