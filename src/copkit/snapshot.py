"""The repository as it was at a commit: its files extracted from git, and the day it was made.

``copkit score --as-of`` and ``copkit report`` load these snapshots with the ordinary
loader, so a past score is computed exactly as a checkout of that commit would be.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from copkit.history import GitMissingError, GitRefError, _git_env, check_rev
from copkit.loader import UsageError
from copkit.removal import Removals, remove_tree
from copkit.worktree import holds_commit

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _git() -> str:
    git = shutil.which("git")
    if git is None:
        raise GitMissingError
    return git


def _run(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [_git(), "-C", str(root), *args], capture_output=True, env=env or _git_env(), check=False
    )


def resolve_point(root: Path, value: str) -> tuple[str, dt.date]:
    """The commit and the day that ``--as-of VALUE`` (a date or a git revision) names.

    A date ``YYYY-MM-DD`` names the last commit on or before that day (UTC) and the day
    itself; a revision names its commit and the day (UTC) it was authored. Unsafe or
    unknown values raise :class:`UsageError`.
    """
    if _DATE_RE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--as-of {value}: not a calendar date") from None
        result = _run(root, "rev-list", "-1", f"--before={value}T23:59:59+00:00", "HEAD", "--")
        sha = result.stdout.decode("ascii", "replace").strip()
        if result.returncode != 0 or not sha:
            raise UsageError(f"--as-of {value}: no commit on or before that day in {root}")
        return sha, day
    try:
        sha = check_rev(root, value)
    except GitRefError as error:
        raise UsageError(f"--as-of: {error}") from None
    return sha, commit_day(root, sha)


def commit_day(root: Path, sha: str) -> dt.date:
    """The day (UTC) commit ``sha`` was authored."""
    result = _run(root, "show", "-s", "--format=%at", sha, "--")
    stamp = result.stdout.decode("ascii", "replace").strip()
    if result.returncode != 0 or not stamp.isdigit():
        raise UsageError(f"cannot read the date of commit {sha}")
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date()


def check_ref(root: Path, value: str, option: str) -> str:
    """The full sha of ``value``, or a usage error naming ``option``."""
    try:
        return check_rev(root, value)
    except GitRefError as error:
        raise UsageError(f"{option}: {error}") from None


@contextmanager
def files_at(root: Path, sha: str, removals: Removals | None = None) -> Iterator[Path]:
    """A folder holding ``root`` as it was at commit ``sha``: ``root`` itself when its work
    tree holds exactly that for the loader (:func:`copkit.worktree.holds_commit`: ``sha``
    is checked out, with no change), else a :func:`snapshot`."""
    if holds_commit(root, sha):
        yield root
        return
    with snapshot(root, sha, removals) as folder:
        yield folder


@contextmanager
def snapshot(root: Path, sha: str, removals: Removals | None = None) -> Iterator[Path]:
    """A temporary folder holding ``root`` as it was at commit ``sha``; removed afterwards,
    by ``removals`` in the background when given (it waits for that), else at once."""
    top = _run(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError(f"{root}: not a git repository, so it has no past to go back to")
    toplevel = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
    prefix = os.path.relpath(root.resolve(), toplevel.resolve()).replace(os.sep, "/")
    folder = Path(tempfile.mkdtemp(prefix="copkit-snapshot-"))
    try:
        yield _check_out(toplevel, sha, prefix, folder)
    finally:
        if removals is None:
            remove_tree(folder)
        else:
            removals.remove(folder)


_NO_SPARSE = ("-c", "core.sparseCheckout=false", "-c", "index.sparse=false")
"""A temporary index holds every file of the tree, whatever the checkout leaves out."""


def _check_out(toplevel: Path, sha: str, prefix: str, folder: Path) -> Path:
    """Write the files under ``prefix`` at ``sha`` into ``folder``; the folder of ``prefix``.

    Git's own checkout, into a temporary index beside the files (``read-tree`` then
    ``checkout-index``): the files are written in C, with the bytes and line endings a
    checkout of ``sha`` would have, and with git's guards: no path leaves the folder and
    nothing is written through a link. A committed link is written as a link, never
    followed, so the loader reports a link out of the repository as it would in a
    checkout. Run from the top of the repository, so that ``prefix`` (copkit's root in a
    larger repository) keeps its place in the index and in the folder.
    """
    env = {**_git_env(), "GIT_INDEX_FILE": str(folder / "index")}
    files = folder / "files"
    tree = [sha] if prefix == "." else [f"--prefix={prefix}/", f"{sha}:{prefix}"]
    read = _run(toplevel, *_NO_SPARSE, "read-tree", *tree, env=env)
    if read.returncode != 0:  # not a folder (missing, a file, a link) at that commit
        raise UsageError(f"{prefix} did not exist at commit {sha[:12]}")
    written = _run(toplevel, *_NO_SPARSE, "checkout-index", "-a", f"--prefix={files}/", env=env)
    if written.returncode != 0:
        lines = written.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"git checkout-index exited {written.returncode}"
        raise UsageError(f"cannot write the files of commit {sha[:12]}: {reason}")
    target = files if prefix == "." else files / prefix
    target.mkdir(parents=True, exist_ok=True)  # a folder with no files is still a folder
    return target
