"""Where a repository starts: the nearest folder holding ``copkit.yaml``.

Light on purpose (no pydantic, no models): ``copkit score`` finds the root before its
heavy imports, to start ``git log`` early.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE_NAME = "copkit.yaml"


def find_root(start: Path) -> tuple[Path, Path | None]:
    """The repository root for ``start`` and its config file, if any.

    The root is the nearest folder at or above ``start`` holding ``copkit.yaml``;
    without one, ``start`` itself is the root and defaults apply.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE_NAME
        if candidate.is_file():
            return folder, candidate
    return start, None
