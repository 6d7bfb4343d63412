"""The output of the history's ``git log``, kept for the next run.

A commit's history never changes, but git spends seconds recomputing it (tree diffs,
rename detection) on every run. This cache keeps the text ``git log`` printed, keyed by
the commit and by everything else that decides it (the *base* of the key): the command,
whether the clone is shallow (and its boundary), git's version, the configuration that
shapes the output (``mailmap.*``, ``diff.*``, ``log.*``, ...) and the bytes of the
``.mailmap`` files. After any of those changed, the run misses and asks git, so the
history read is always the one git would print now.

A run at a newer commit reuses an entry with the same base when the new commits extend
it in a straight line (see :mod:`copkit.history`): only those are read from git.

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
from dataclasses import dataclass
from pathlib import Path

from copkit.load.cache import cache_disabled, write_atomically

FORMAT = 3
FILE_NAME = f"history-v{FORMAT}.json"
KEEP = 4
"""Histories kept: the newest few used."""

_FULL_SHA = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
_CONFIG_PATTERN = r"^(mailmap|diff|log|core|i18n|grep|notes|format|color|pager)\."


def is_full_sha(text: str) -> bool:
    """``text`` is a whole object name (SHA-1 or SHA-256), safe to pass to git."""
    return _FULL_SHA.match(text) is not None


def history_base_key(
    git: str,
    env: Mapping[str, str],
    *,
    toplevel: Path,
    command: Sequence[str],
    shallow: bool,
    boundary: set[str],
) -> str | None:
    """What decides ``git log`` run as ``command``, but the commit; None: not cacheable."""
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


@dataclass(frozen=True, slots=True)
class _Entry:
    generation: int
    """When it was last stored: the newest few entries are kept."""
    output: str
    """What ``git log`` printed at the entry's commit."""
    earlier: dict[str, int]
    """Earlier commits whose output ends ``output`` (git prints the newest commit first):
    commit -> the length of that output."""


class HistoryCache:
    """``git log`` outputs by base key and commit, in one JSON file.

    An entry extended to a newer commit replaces the older one, which it still answers
    for: the older output ends the newer (git prints the newest commit first), and the
    entry keeps its length. A
    branch followed commit after commit therefore keeps one copy of its history.
    """

    def __init__(self, folder: Path | None) -> None:
        self.file = None if folder is None or cache_disabled() else folder / FILE_NAME
        self._entries: dict[str, _Entry] = {}
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
                self._generation = content["generation"]
                for name, value in content["entries"].items():
                    entry = _entry(value)
                    if entry is not None:
                        self._entries[name] = entry

    def get(self, base: str, commit: str) -> str | None:
        """The output at ``commit``, stored for it or as the end of a later one."""
        entry = self._entries.get(f"{base}:{commit}")
        if entry is not None:
            return entry.output
        for name, entry in self._entries.items():
            length = entry.earlier.get(commit)
            if length is not None and name.partition(":")[0] == base:
                return entry.output[len(entry.output) - length :]
        return None

    def commits(self, base: str) -> list[str]:
        """The commits with an entry under ``base``, the most recently stored first."""
        found = []
        for name, entry in self._entries.items():
            stem, _, commit = name.partition(":")
            if stem == base and is_full_sha(commit):
                found.append((entry.generation, commit))
        return [commit for _, commit in sorted(found, reverse=True)]

    def put(self, base: str, commit: str, output: str, *, extends: str | None = None) -> None:
        """Store ``output`` for ``commit``, keeping the newest few; failures are ignored.

        ``extends`` names the commit whose stored output ``output`` ends with: that
        entry is folded into this one.
        """
        if self.file is None:
            return
        key = f"{base}:{commit}"
        earlier: dict[str, int] = {}
        previous = self._entries.get(f"{base}:{extends}") if extends is not None else None
        if previous is not None and output.endswith(previous.output):
            earlier = dict(list(previous.earlier.items())[-(KEEP_EARLIER - 1) :])
            earlier[str(extends)] = len(previous.output)
        generation = self._generation + 1
        entries: dict[str, _Entry] = {key: _Entry(generation, output, earlier)}
        folded = f"{base}:{extends}" if previous is not None and earlier else None
        older = sorted(
            (
                (entry.generation, name)
                for name, entry in self._entries.items()
                if name not in (key, folded)
            ),
            reverse=True,
        )
        for _, name in older[: KEEP - 1]:
            entries[name] = self._entries[name]
        try:
            text = json.dumps(
                {
                    "format": FORMAT,
                    "generation": generation,
                    "entries": {
                        name: [entry.generation, entry.output, entry.earlier]
                        for name, entry in entries.items()
                    },
                },
                separators=(",", ":"),
            )
            write_atomically(self.file, text)
        except (OSError, ValueError):
            return


KEEP_EARLIER = 64
"""Earlier commits an entry answers for (the newest of them)."""


def _entry(value: object) -> _Entry | None:
    """A stored entry, or None when it is not one (a damaged or foreign file)."""
    if not (isinstance(value, list) and len(value) == 3):
        return None
    generation, output, earlier = value
    if not (isinstance(generation, int) and isinstance(output, str) and isinstance(earlier, dict)):
        return None
    lengths: dict[str, int] = {}
    for commit, length in earlier.items():
        if not (is_full_sha(commit) and isinstance(length, int) and 0 <= length <= len(output)):
            return None
        lengths[commit] = length
    return _Entry(generation, output, lengths)
