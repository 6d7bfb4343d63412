"""Whether the work tree holds a commit's files, as far as the loader reads them.

``copkit report`` compares two commits, and the later one is usually the commit checked
out (CI on a pull request; a review of the year up to today). When nothing the loader
reads differs from that commit, the work tree itself can be loaded: the files a
snapshot would hold, without writing and deleting a copy of the repository, and with
the parse cache of these very files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from copkit.history import _git_env
from copkit.load.discovery import may_read
from copkit.load.root import CONFIG_FILE_NAME
from copkit.loader import data_folder

_PLAIN_FILES = (b"H 100644 ", b"H 100755 ")
"""``git ls-files -s -v`` records of a tracked file that git status can vouch for: not a
link, not a submodule, not marked assume-unchanged or skip-worktree (status does not look
at those), not in conflict."""


def holds_commit(root: Path, sha: str) -> bool:
    """Whether the work tree at ``root`` holds what commit ``sha`` holds for the loader.

    True only when HEAD is ``sha`` and, under the config file and the data folder: no
    staged, unstaged or untracked change; no ignored file the loader would read (an entity
    file not hidden); and every tracked entry is a plain file. Links are left to a
    snapshot, where they resolve inside the snapshot as they do in a checkout of ``sha``.
    Any doubt (a data folder reached through a link or outside ``root``, git failing)
    answers False, and the caller takes a snapshot.
    """
    git = shutil.which("git")
    if git is None:
        return False
    env = {**_git_env(), "GIT_LITERAL_PATHSPECS": "1", "GIT_OPTIONAL_LOCKS": "0"}

    def run(*args: str) -> bytes | None:
        result = subprocess.run(
            [git, "-C", str(root), *args], capture_output=True, env=env, check=False
        )
        return result.stdout if result.returncode == 0 else None

    where = run("rev-parse", "--show-prefix", "--verify", "HEAD")
    if where is None or where.decode("utf-8", "surrogateescape").split("\n")[1:2] != [sha]:
        return False
    prefix = where.decode("utf-8", "surrogateescape").split("\n")[0]
    data = _data_path(root)
    if data is None:
        return False
    paths = ("--", CONFIG_FILE_NAME, data)
    entries = run("ls-files", "-s", "-v", "-z", *paths)
    if entries is None or any(
        record[:9] not in _PLAIN_FILES for record in entries.split(b"\0") if record
    ):
        return False
    status = run(
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--ignored=traditional",
        "--ignore-submodules=none",
        *paths,
    )
    if status is None:
        return False
    under = "" if data == "." else f"{data}/"
    return not any(_differs(entry, f"{prefix}{under}") for entry in status.split(b"\0") if entry)


def _data_path(root: Path) -> str | None:
    """The data folder, relative to ``root``, when it is reached without a link; else None."""
    data_dir = data_folder(root)[1]
    data = os.path.normpath(os.path.relpath(data_dir, root))
    if data == os.pardir or data.startswith(os.pardir + os.sep):
        return None
    if os.path.realpath(data_dir) != os.path.normpath(os.path.join(os.path.realpath(root), data)):
        return None
    return data.replace(os.sep, "/")


def _differs(entry: bytes, data_prefix: str) -> bool:
    """Whether one ``git status --porcelain -z`` entry changes what the loader reads.

    A change to a tracked file does; an untracked or ignored file does when the loader
    would read it (not hidden, an entity suffix, or a folder that may hold such files).
    Paths are relative to the top of the repository; ``data_prefix`` is the data folder's
    there (``""`` at the top, else ending in ``/``).
    """
    code, path = entry[:2], entry[3:].decode("utf-8", "surrogateescape")
    if code not in (b"??", b"!!") or not path.startswith(data_prefix):
        return True  # a tracked change, or the config file itself
    return may_read(path[len(data_prefix) :])
