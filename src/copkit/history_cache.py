"""The output of the history's ``git log``, kept for the next run at the same commit.

A commit's history never changes, but git spends seconds recomputing it (tree diffs,
rename detection) on every run. This cache keeps the text ``git log`` printed, keyed by
everything that decides it: the commit, the folder, whether the clone is shallow (and its
boundary), git's version, the configuration that shapes the output (``mailmap.*``,
``diff.*``, ``log.*``, ...) and the bytes of the ``.mailmap`` files. A run at another
commit, or after any of those changed, misses and asks git, so the history read is
always the one git would print now.

It lives beside the parse cache (``<git common dir>/copkit/cache/history-v1.json``), as
JSON text, with the same rules: never in the work tree, nothing in it is executed, any
failure to read or write it is ignored, ``COPKIT_NO_CACHE=1`` / ``--no-cache`` turn it
off. It keeps the few most recently used histories (today's, and the commits of recent
``--as-of`` and ``report`` runs).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from copkit.load.cache import cache_disabled, write_atomically

FORMAT = 1
FILE_NAME = f"history-v{FORMAT}.json"
KEEP = 4
"""Histories kept: the newest few used."""

_FULL_SHA = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_CONFIG_PATTERN = r"^(mailmap|diff|log|core|i18n|grep|notes|format|color|pager)\."


def history_key(
    git: str,
    env: Mapping[str, str],
    *,
    toplevel: Path,
    commit: str,
    command: Sequence[str],
    shallow: bool,
    boundary: set[str],
) -> str | None:
    """The key of ``git log`` run as ``command`` at ``commit``, or None when not cacheable."""
    if not _FULL_SHA.match(commit):
        return None
    try:
        version = subprocess.run(
            [git, "version"], capture_output=True, env=dict(env), check=False
        ).stdout
        config = subprocess.run(
            [git, "-C", str(toplevel), "config", "--null", "--get-regexp", _CONFIG_PATTERN],
            capture_output=True,
            env=dict(env),
            check=False,
        ).stdout
    except OSError:
        return None
    settings: dict[bytes, bytes] = {}
    for entry in filter(None, config.split(b"\0")):  # "name\nvalue" each
        name, _, value = entry.partition(b"\n")
        settings[name] = value
    if b"mailmap.blob" in settings:
        return None  # a mailmap read from a commit: not worth following
    digest = hashlib.sha256()
    for part in (
        f"format {FORMAT}".encode(),
        version,
        commit.encode(),
        "\0".join(command).encode("utf-8", "surrogateescape"),
        b"shallow" if shallow else b"complete",
        " ".join(sorted(boundary)).encode(),
        config,
        _read(toplevel / ".mailmap"),
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    mailmap_file = settings.get(b"mailmap.file")
    if mailmap_file:
        file = Path(os.path.expanduser(mailmap_file.decode("utf-8", "surrogateescape")))
        digest.update(_read(file if file.is_absolute() else toplevel / file))
    return digest.hexdigest()


def _read(path: Path) -> bytes:
    try:
        return b"present\0" + path.read_bytes()
    except OSError:
        return b"absent"


class HistoryCache:
    """``git log`` outputs by key, in one small JSON file."""

    def __init__(self, folder: Path | None) -> None:
        self.file = None if folder is None or cache_disabled() else folder / FILE_NAME
        self._entries: dict[str, Any] = {}
        self._generation = 0
        if self.file is not None:
            try:
                content = json.loads(self.file.read_bytes())
            except (OSError, ValueError, RecursionError):
                return
            if (
                isinstance(content, dict)
                and content.get("format") == FORMAT
                and isinstance(content.get("entries"), dict)
                and isinstance(content.get("generation"), int)
            ):
                self._entries = content["entries"]
                self._generation = content["generation"]

    def get(self, key: str) -> str | None:
        entry = self._entries.get(key)
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], str):
            return entry[1]
        return None

    def put(self, key: str, output: str) -> None:
        """Store ``output`` for ``key``, keeping the newest few; failures are ignored."""
        if self.file is None:
            return
        generation = self._generation + 1
        entries: dict[str, Any] = {key: [generation, output]}
        older = sorted(
            (
                (entry[0], name)
                for name, entry in self._entries.items()
                if name != key
                and isinstance(entry, list)
                and len(entry) == 2
                and isinstance(entry[0], int)
            ),
            reverse=True,
        )
        for _, name in older[: KEEP - 1]:
            entries[name] = self._entries[name]
        try:
            text = json.dumps(
                {"format": FORMAT, "generation": generation, "entries": entries},
                separators=(",", ":"),
            )
            write_atomically(self.file, text)
        except (OSError, ValueError):
            return
