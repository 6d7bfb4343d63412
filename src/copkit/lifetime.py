"""What a command-line process leaves to its exit instead of undoing piece by piece.

Two costs come at the end of a short command, for nothing the exit would not do at once:

- freeing what it built, object by object (a loaded repository of 10,000 entities and a
  history of 20,000 commits: ~0.1 s), when the function holding it returns;
- the cyclic collector's first pass once it is turned back on after a pause
  (:func:`copkit.loader.collector_paused`): every object made during the pause is then
  in the youngest generation, and that pass walks them all (~0.3 s) to free nothing.

:func:`keep` holds such objects until the exit and :func:`settle` freezes the collector's
generations. Both act only after the entry point has called :func:`exit_soon`; a library
user or a test running the same code in a long-lived process frees and collects as before.

What is kept sits in a list that refers to itself, so that however the interpreter clears
the modules at exit, the list is never dropped to nothing; the entry point freezes the
collector (``gc.freeze``) before the interpreter ends, and the collector's last pass at
exit leaves frozen objects alone.
"""

from __future__ import annotations

import gc

_kept: list[object] = []
_keeping = False


def exit_soon() -> None:
    """From now on :func:`keep` keeps: this process ends after its one command."""
    global _keeping
    if not _keeping:
        _keeping = True
        _kept.append(_kept)  # the cycle that outlives the module's reference to it


def keep(*objects: object) -> None:
    """Keep ``objects`` alive until the process exits (nothing happens unless exiting soon)."""
    if _keeping:
        _kept.extend(objects)


def settle() -> None:
    """Leave every object alive now to the exit: the collector will not walk them again.

    For a process about to end (after :func:`exit_soon`; nothing happens otherwise): it
    freezes the collector's generations (``gc.freeze``), so its next passes, if any,
    look only at objects made after this call.
    """
    if _keeping:
        gc.freeze()
