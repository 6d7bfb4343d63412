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
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from copkit.history import GitMissingError, GitRefError, _git_env, check_rev
from copkit.loader import UsageError

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _git() -> str:
    git = shutil.which("git")
    if git is None:
        raise GitMissingError
    return git


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [_git(), "-C", str(root), *args], capture_output=True, env=_git_env(), check=False
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


def _extraction_filter(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
    """Tar's ``data`` filter, except that a committed link out of the repository is kept.

    Such a link is only extracted, never followed (a later member cannot be written
    through it: the filter refuses destinations outside ``path``), so the loader reports
    it as it would in a checkout instead of the extraction failing.
    """
    try:
        return tarfile.data_filter(member, path)
    except (tarfile.AbsoluteLinkError, tarfile.LinkOutsideDestinationError):
        if not member.issym():
            raise
        return tarfile.tar_filter(member, path)


@contextmanager
def snapshot(root: Path, sha: str) -> Iterator[Path]:
    """A temporary folder holding ``root`` as it was at commit ``sha``; removed afterwards."""
    top = _run(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError(f"{root}: not a git repository, so it has no past to go back to")
    toplevel = Path(top.stdout.decode("utf-8", "surrogateescape").strip())
    prefix = os.path.relpath(root.resolve(), toplevel.resolve()).replace(os.sep, "/")
    tree = sha if prefix == "." else f"{sha}:{prefix}"
    with tempfile.TemporaryDirectory(prefix="copkit-snapshot-") as folder:
        # From the top: run in a subfolder, git archive would look for the subfolder
        # again inside ``sha:prefix``.
        _extract(toplevel, tree, Path(folder), f"{prefix} did not exist at commit {sha[:12]}")
        yield Path(folder)


def _extract(root: Path, tree: str, folder: Path, missing: str) -> None:
    """Extract ``git archive`` of ``tree`` into ``folder`` as git streams it.

    The archive is never held whole: at 100,000 entities it is some 250 MB, and
    ``report`` keeps two snapshots open. ``missing`` is the usage error when git cannot
    archive ``tree``.
    """
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            [_git(), "-C", str(root), "archive", "--format=tar", tree],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=_git_env(),
        ) as process,
    ):
        assert process.stdout is not None
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
                tar.extractall(folder, filter=_extraction_filter)
        except tarfile.ReadError:
            _drain(process.stdout)
            if process.wait() != 0:
                raise UsageError(missing) from None
            raise
        # tarfile stops at the end-of-archive marker; git may still be writing the
        # padding after it. Closing the pipe now would kill git with SIGPIPE and turn a
        # good snapshot into an error, depending on timing.
        _drain(process.stdout)
        if process.wait() != 0:
            raise UsageError(missing)


def _drain(stream: IO[bytes]) -> None:
    """Read ``stream`` to its end, discarding what is left, then close it."""
    while stream.read(1 << 16):
        pass
    stream.close()
