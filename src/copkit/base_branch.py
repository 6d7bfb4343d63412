"""Pull-request mode: the repository as it was at the merge base, and what changed since.

The base repository is the working tree's, with the files the pull request changed read
as they were at the merge-base commit (``git cat-file``) and checked by the same code as
the loader's, so rules compare like with like. When the config changed, or links make
the files' contents differ from what their paths say, the merge-base commit is checked
out into a temporary folder by git and loaded whole.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from copkit.history import GitMissingError, GitRefError, _git_env, check_rev
from copkit.load.discovery import may_read
from copkit.load.document import Document
from copkit.load.files import document_from_bytes
from copkit.loader import load_repository
from copkit.model.config import CONFIG_FILE_NAME
from copkit.repository import Repository
from copkit.resolver import resolve
from copkit.snapshot import _check_out
from copkit.validation import validate_document


def _git(root: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise GitMissingError
    return subprocess.run(
        [git, "-C", str(root), "-c", "core.quotePath=false", *args],
        input=input,
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


def load_base(
    repository: Repository, sha: str, changed: frozenset[str] | None = None
) -> Repository:
    """The repository's data folder and config as they were at commit ``sha``.

    With ``changed`` (:func:`changed_paths` for the same commit), the files that did not
    change are taken from ``repository`` as loaded (which must have dropped no entity as
    a duplicate id: the base may hold the one dropped), and only the changed ones are read
    from git: a pull request changes a few files, and a second load of every file held
    the whole organisation in memory twice (some 1 GB at 100,000 entities). Untracked
    and ignored files are left out. When that cannot give exactly what loading the
    commit would (the config changed, or a link: the file behind it may change alone),
    the commit is checked out by git and loaded whole.
    """
    if changed is not None:
        overlaid = _overlay(repository, sha, changed)
        if overlaid is not None:
            return overlaid
    toplevel, prefix = _toplevel(repository.root)
    data = os.path.relpath(repository.data_dir, repository.root).replace(os.sep, "/")
    with tempfile.TemporaryDirectory(prefix="copkit-base-") as temp:
        folder = Path(temp)
        base_root = folder / "files" / prefix if prefix else folder / "files"
        if not prefix or _exists(toplevel, sha, prefix.rstrip("/")):
            base_root = _check_out(toplevel, sha, prefix.rstrip("/") or ".", folder)
        base_root.mkdir(parents=True, exist_ok=True)
        if not (base_root / CONFIG_FILE_NAME).exists() and repository.config_path is not None:
            # Without a config at the base, read the base data where it is now.
            (base_root / CONFIG_FILE_NAME).write_text(f"data: {data}\n", encoding="utf-8")
        (base_root / data).mkdir(parents=True, exist_ok=True)
        return load_repository(base_root).repository


def _overlay(repository: Repository, sha: str, changed: frozenset[str]) -> Repository | None:
    """The repository at ``sha`` as ``repository`` with the ``changed`` files as they were
    there, or None when that would not be the same as loading ``sha`` itself."""
    if repository.config_path is None or CONFIG_FILE_NAME in changed:
        return None
    root = repository.root
    toplevel, prefix = _toplevel(root)
    data = os.path.relpath(repository.data_dir, root).replace(os.sep, "/")
    data_prefix = "" if data == "." else data + "/"
    if data_prefix.startswith("../"):
        return None
    # Loaded now but untracked (or ignored): absent at the base, and not in every
    # `changed` (ignored files are not); links: the file behind one may change alone.
    untracked = _git(toplevel, "ls-files", "--others", "-z", "--", prefix + data_prefix or ".")
    if untracked.returncode != 0:
        return None
    absent = {
        name[len(prefix) :]
        for name in untracked.stdout.decode("utf-8", "surrogateescape").split("\0")
        if name
    }
    kept: list[tuple[Document, object]] = []
    for (kind, entity_id), document in repository.documents.items():
        if document.path in changed or document.path in absent:
            continue
        if os.path.islink(root / document.path):
            return None
        kept.append((document, repository.entities[kind][entity_id]))
    listing = _git(toplevel, "ls-tree", "-r", "-l", "-z", sha, "--", prefix + data_prefix or ".")
    if listing.returncode != 0:
        return None
    wanted: list[tuple[str, str, int]] = []  # (root-relative path, blob, size)
    for record in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        meta, _, name = record.partition("\t")
        mode, kind, blob, size = meta.split()
        path = name[len(prefix) :]
        if path not in changed or not may_read(path[len(data_prefix) :]):
            continue
        if mode == "120000":
            return None  # a committed link: the checkout decides what it reads
        if kind == "blob":
            wanted.append((path, blob, int(size)))
    base = Repository(
        root=root,
        data_dir=repository.data_dir,
        config=repository.config,
        config_path=repository.config_path,
        config_document=repository.config_document,
        custom=repository.custom,
    )
    documents = kept + _read_blobs(toplevel, wanted, repository)
    documents.sort(key=lambda item: item[0].path.split("/"))  # the loader's order
    resolve(base, documents)
    return base


def _read_blobs(
    toplevel: Path, wanted: list[tuple[str, str, int]], repository: Repository
) -> list[tuple[Document, object]]:
    """The valid entities among the ``wanted`` blobs, read and checked as the loader would."""
    limits = repository.config.limits
    found: list[tuple[Document, object]] = []
    small = [(path, blob, size) for path, blob, size in wanted if size <= limits.max_file_bytes]
    contents = _cat_blobs(toplevel, [blob for _, blob, _ in small])
    for (path, _, size), raw in zip(small, contents, strict=True):
        document = document_from_bytes(raw, size, path, limits)
        if isinstance(document, Document):
            entity = validate_document(document, repository.custom)
            if not isinstance(entity, list):
                found.append((document, entity))
    return found


def _cat_blobs(toplevel: Path, blobs: list[str]) -> list[bytes]:
    """The contents of ``blobs``, in order, from one ``git cat-file --batch``."""
    if not blobs:
        return []
    request = "".join(f"{blob}\n" for blob in blobs).encode("ascii")
    result = _git(toplevel, "cat-file", "--batch", input=request)
    if result.returncode != 0:
        raise GitRefError("cannot read the base commit's files")
    out = result.stdout
    contents: list[bytes] = []
    at = 0
    for _ in blobs:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        contents.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return contents


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
