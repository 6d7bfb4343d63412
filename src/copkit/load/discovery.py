"""Finding the entity files under the data folder, without following links out of it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from copkit.findings import Finding

ENTITY_SUFFIXES = (".yaml", ".yml")


@dataclass
class Discovery:
    """The files to load, in a stable order, and what was refused on the way."""

    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def discover(data_dir: Path, root: Path) -> Discovery:
    """Every ``*.yaml`` / ``*.yml`` file under ``data_dir``, sorted.

    Hidden files and folders are skipped. Folder links are never followed (no
    loops); a file link is followed only when its target lies inside ``root``.
    """
    result = Discovery()
    real_root = os.path.realpath(root)
    stack = [data_dir]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            result.findings.append(
                Finding(
                    "COP009",
                    "error",
                    f"cannot read folder: {error.strerror}",
                    _relative(Path(folder), root),
                )
            )
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_symlink():
                _follow_link(path, entry, real_root, root, result)
            elif entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.name.endswith(ENTITY_SUFFIXES):
                result.files.append(path)
    result.files.sort()
    return result


def may_read(relative: str) -> bool:
    """Whether :func:`discover` may list a file at ``relative`` (a path under the data
    folder, ``/``-separated): no hidden part and an entity suffix. A folder (``relative``
    ends with ``/``) may hold such files unless it is hidden."""
    parts = relative.rstrip("/").split("/")
    if any(part.startswith(".") for part in parts):
        return False
    return relative.endswith("/") or relative.endswith(ENTITY_SUFFIXES)


def _follow_link(
    path: Path, entry: os.DirEntry[str], real_root: str, root: Path, result: Discovery
) -> None:
    target = os.path.realpath(path)
    inside = target == real_root or target.startswith(real_root + os.sep)
    relative = _relative(path, root)
    if not inside:
        if entry.name.endswith(ENTITY_SUFFIXES) or os.path.isdir(target):
            result.findings.append(
                Finding(
                    "COP009",
                    "error",
                    "symbolic link points outside the repository; not followed",
                    relative,
                    hint="copy the file into the repository instead of linking to it",
                )
            )
        return
    if entry.name.endswith(ENTITY_SUFFIXES) and not os.path.exists(target):
        result.findings.append(
            Finding(
                "COP009",
                "error",
                "symbolic link points at nothing (missing target, or a loop); not read",
                relative,
                hint="point the link at an existing file, or replace it with the file",
            )
        )
        return
    if os.path.isdir(target):
        # Folder links inside the repository would load files twice or loop; skip them.
        return
    if entry.name.endswith(ENTITY_SUFFIXES) and os.path.isfile(target):
        result.files.append(path)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
