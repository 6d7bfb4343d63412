"""Pull-request mode: the repository as it was at the merge base, and what changed since.

The base repository is read from git objects (one ``git archive`` of the data folder and
the config at the merge-base commit), unpacked into a temporary folder and loaded with
the same loader as the working tree, so rules compare like with like.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from copkit.history import GitMissingError, GitRefError, _git_env, check_rev
from copkit.loader import load_repository
from copkit.model.config import CONFIG_FILE_NAME
from copkit.repository import Repository


def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise GitMissingError
    return subprocess.run(
        [git, "-C", str(root), "-c", "core.quotePath=false", *args],
        capture_output=True,
        env=_git_env(),
        check=False,
    )


def merge_base(root: Path, rev: str) -> str:
    """The merge-base commit of ``rev`` and HEAD; :class:`GitRefError` when there is none."""
    sha = check_rev(root, rev)
    result = _git(root, "merge-base", sha, "HEAD")
    found = result.stdout.decode().strip()
    if result.returncode != 0 or not found:
        raise GitRefError(f"{rev!r} has no common history with HEAD (is the clone shallow?)")
    return found


def _toplevel(root: Path) -> tuple[Path, str]:
    result = _git(root, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise GitRefError("not a git repository; --base needs one")
    toplevel = Path(result.stdout.decode().strip())
    prefix = os.path.relpath(root.resolve(), toplevel.resolve()).replace(os.sep, "/")
    return toplevel, "" if prefix == "." else prefix + "/"


def load_base(repository: Repository, sha: str) -> Repository:
    """The repository's data folder and config as they were at commit ``sha``."""
    toplevel, prefix = _toplevel(repository.root)
    data = os.path.relpath(repository.data_dir, repository.root).replace(os.sep, "/")
    wanted = [prefix + CONFIG_FILE_NAME, prefix + data if data != "." else prefix or "."]
    present = [path for path in wanted if _exists(toplevel, sha, path)]
    with tempfile.TemporaryDirectory(prefix="copkit-base-") as temp:
        folder = Path(temp)
        if present:
            archive = _git(toplevel, "archive", "--format=tar", sha, "--", *present)
            if archive.returncode != 0:
                message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
                raise GitRefError(
                    f"cannot read commit {sha[:12]}: {message[-1] if message else ''}"
                )
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(folder, filter="data")
        base_root = folder / prefix if prefix else folder
        base_root.mkdir(parents=True, exist_ok=True)
        if not (base_root / CONFIG_FILE_NAME).exists() and repository.config_path is not None:
            # Without a config at the base, read the base data where it is now.
            (base_root / CONFIG_FILE_NAME).write_text(f"data: {data}\n", encoding="utf-8")
        (base_root / data).mkdir(parents=True, exist_ok=True)
        return load_repository(base_root).repository


def _exists(toplevel: Path, sha: str, path: str) -> bool:
    return _git(toplevel, "cat-file", "-e", f"{sha}:{path}").returncode == 0


def changed_paths(repository: Repository, sha: str) -> frozenset[str]:
    """Files (relative to the copkit root) that differ from commit ``sha``: committed,
    staged, in the working tree, or new and untracked."""
    toplevel, prefix = _toplevel(repository.root)
    diff = _git(toplevel, "diff", "--name-only", "-z", "--no-renames", sha, "--")
    untracked = _git(toplevel, "ls-files", "--others", "--exclude-standard", "-z")
    if diff.returncode != 0:
        raise GitRefError(f"cannot compare with {sha[:12]}")
    names = diff.stdout.decode("utf-8", "surrogateescape").split("\0")
    names += untracked.stdout.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(name[len(prefix) :] for name in names if name and name.startswith(prefix))


def prefix_or_empty(root: Path) -> str:
    """The copkit root relative to the git top level (``"sub/"``), or ``""``."""
    try:
        return _toplevel(root)[1]
    except (GitRefError, GitMissingError):
        return ""
