"""Deleting copkit's temporary folders: quickly, and if need be while the command goes on.

A snapshot of 100,000 entities is some 100,000 files. Python's ``shutil.rmtree`` spends
about five times the processor time of ``rm -rf`` on them, and either can keep a busy
disk waiting for minutes: a command that is done reading a snapshot hands it to a
:class:`Removals`, which deletes it in a child process while the command works on.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import TracebackType


def remove_tree(folder: Path) -> None:
    """Delete ``folder`` and everything in it, never following a link out of it."""
    _finish(_start(folder), folder)


def _start(folder: Path) -> subprocess.Popen[bytes] | None:
    """``rm -rf`` of ``folder`` started (it removes links, never what they point at), or
    None where there is no ``rm``."""
    rm = shutil.which("rm")
    if rm is None:
        return None
    return subprocess.Popen(
        [rm, "-rf", "--", str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _finish(process: subprocess.Popen[bytes] | None, folder: Path) -> None:
    """Wait for ``process``; delete in-process whatever it left (no ``rm``, or it failed)."""
    if process is not None:
        process.wait()
    if folder.is_symlink() or folder.exists():
        shutil.rmtree(folder)


class Removals:
    """Folders being deleted in the background. Leaving the ``with`` block waits for every
    one, and deletes itself what a child left, so none outlives it, error or not."""

    def __init__(self) -> None:
        self._started: list[tuple[subprocess.Popen[bytes] | None, Path]] = []

    def remove(self, folder: Path) -> None:
        """Start deleting ``folder``; the caller must not use it any more."""
        self._started.append((_start(folder), folder))

    def __enter__(self) -> Removals:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        started, self._started = self._started, []
        for process, folder in started:
            _finish(process, folder)
