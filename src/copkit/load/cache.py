"""A content-addressed cache of parsed entity files, kept in the git directory.

Parsing YAML is most of what loading costs, and between two runs almost every file is
unchanged. The cache maps a hash of a file's bytes (with the reader's version and the
alias bound) to the plain values parsing gave: text, numbers, booleans, null, lists and
mappings, stored as JSON. JSON, never pickle: reading the cache builds plain values and
nothing else, whatever the file holds.

Where it lives: ``<git common dir>/copkit/cache/parsed-v1.json`` (``.git/copkit/...`` in
an ordinary clone, shared by the clone's worktrees). It is never part of the work tree,
so it is never committed and the content of a pull request cannot plant entries. Outside
a git repository there is no cache.

It is best effort: a missing, corrupt, unreadable or read-only cache is ignored and the
files are parsed, and the output is the same with the cache cold, warm or off. Only
documents that parsed are cached; a file with a problem is parsed (and reported) every
time. ``COPKIT_NO_CACHE=1`` or ``copkit --no-cache`` turns it off; deleting the folder
clears it. Each write keeps the entries used by the run that wrote it and, of the rest,
the most recently used, so it stays about twice the size of the repository.

Writing a large cache (encoding some 20 MB of JSON) is left to a helper process when the
command line allows it (:func:`write_in_background`): the command goes on with its work
(history, scores, output) while the helper writes the same bytes, and the process waits
for the helper before it exits, so the cache is on disk when copkit ends, as before. The
helper is a forked copy of the process where it can be (no other thread running): it
has the entries already, so nothing is encoded, sent or decoded, and no interpreter
starts; otherwise ``python -m copkit.load.cache_writer``, sent the entries over a pipe.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import hashlib
import json
import marshal
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from copkit.load.helpers import (
    HELPER_NICENESS,
    helpers_possible,
    send_in_background,
    start_helper,
)
from copkit.parallel import fork_possible

FORMAT = 1
"""The layout of the cache file; a new layout gets a new file name."""

READER_VERSION = "strict-yaml-1"
"""Bump when :mod:`copkit.load.yaml_reader` would give other values for the same bytes."""

FILE_NAME = f"parsed-v{FORMAT}.json"
SPARE_ENTRIES = 1_000
"""Entries kept beyond twice the run's own, for small repositories and past snapshots."""

BACKGROUND_MIN_ENTRIES = 1_000
"""Fewer entries are written faster than a helper process starts."""

_disabled_by_option = False
_background = False
_pending: list[Callable[[], None]] = []
"""For each write handed over: wait until it is done (or given up)."""


def cache_disabled() -> bool:
    """Whether the cache is turned off (``COPKIT_NO_CACHE`` or ``copkit --no-cache``)."""
    return _disabled_by_option or os.environ.get("COPKIT_NO_CACHE", "") not in ("", "0")


@contextmanager
def caching_turned_off() -> Iterator[None]:
    """No cache for the code run inside (what ``copkit --no-cache`` does)."""
    global _disabled_by_option
    before = _disabled_by_option
    _disabled_by_option = True
    try:
        yield
    finally:
        _disabled_by_option = before


def write_in_background() -> None:
    """Let :meth:`ParseCache.save` hand large caches to a helper process from now on.

    For the command line, whose process ends soon after loading: it waits for the helpers
    at exit. Code that reads the cache file itself right after a load (a library user, a
    test) keeps the default, a write finished when ``save`` returns.
    """
    global _background
    _background = True


def finish_background_writes() -> None:
    """Wait until every cache handed to a helper by this process is written (or given up)."""
    while _pending:
        _pending.pop(0)()


class ParseCache:
    """Parsed values by content hash; :meth:`off` gives one that never hits nor writes."""

    def __init__(self, file: Path | None, *, reader_version: str = READER_VERSION) -> None:
        self.file = file
        self.reader_version = reader_version
        self._generation = 0
        self._entries: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._added = 0
        self.hits = 0
        """Files whose values came from the cache in this run."""
        self.misses = 0
        """Files looked up and not found (then parsed)."""
        if file is not None:
            self._read(file)

    @classmethod
    def off(cls) -> ParseCache:
        return cls(None)

    @classmethod
    def for_repository(cls, root: Path) -> ParseCache:
        """The cache of the git repository holding ``root``, or :meth:`off` without one."""
        if cache_disabled():
            return cls.off()
        folder = cache_folder(root)
        return cls.off() if folder is None else cls(folder / FILE_NAME)

    @property
    def enabled(self) -> bool:
        return self.file is not None

    def __len__(self) -> int:
        """Entries read from the cache file (what this run may hit)."""
        return len(self._entries)

    def key(self, raw: bytes, max_nodes: int) -> str:
        """The entry for a file's bytes, read with this reader under this alias bound."""
        return file_key(raw, self.reader_version, max_nodes)

    def get(self, key: str) -> tuple[bool, Any]:
        """``(True, values)`` for a hit, ``(False, None)`` for a miss."""
        if self.file is None:
            return False, None
        entry = self._entries.get(key)
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], int)):
            self.misses += 1
            return False, None
        self._used[key] = entry[1]
        self.hits += 1
        return True, entry[1]

    def put(self, key: str, values: Any) -> None:
        """Remember the values a file parsed to (written by :meth:`save`)."""
        if self.file is None:
            return
        self._used[key] = values
        self._added += 1

    def note(self, key: str, values: Any) -> None:
        """A file with these bytes was parsed elsewhere (the parsing helper) to ``values``.

        It counts as :meth:`get` and :meth:`put` would have: a hit when the cache holds
        the key, else an entry to write.
        """
        hit, _ = self.get(key)
        if not hit:
            self.put(key, values)

    def save(self) -> None:
        """Write the cache when this run parsed something new; failures are ignored."""
        if self.file is None or not self._added:
            return
        generation = self._generation + 1
        entries: dict[str, Any] = {key: [generation, values] for key, values in self._used.items()}
        room = len(entries) + max(len(entries), SPARE_ENTRIES)
        others = sorted(
            (
                (entry[0], key)
                for key, entry in self._entries.items()
                if key not in entries and isinstance(entry, list) and len(entry) == 2
                if isinstance(entry[0], int)
            ),
            reverse=True,
        )
        for _, key in others[: max(0, room - len(entries))]:
            entries[key] = self._entries[key]
        if not self._hand_over(generation, entries):
            try:
                write_cache_file(self.file, generation, entries)
            except (OSError, ValueError):
                return
        self._added = 0

    def _hand_over(self, generation: int, entries: dict[str, Any]) -> bool:
        """Give the write to a helper process, where allowed and worth it; False if not.

        A forked copy of this process writes what this one would; a started helper gets
        the entries as :mod:`marshal` data, which keeps every value exactly (as the
        parsing helper's do), so it writes the bytes :meth:`save` would too.
        """
        if not _background or len(entries) < BACKGROUND_MIN_ENTRIES or not helpers_possible():
            return False
        assert self.file is not None
        wait = _fork_writer(self.file, generation, entries)
        if wait is None:
            wait = _start_writer(self.file, generation, entries)
        if wait is None:
            return False
        if not _pending:
            atexit.unregister(finish_background_writes)
            atexit.register(finish_background_writes)
        _pending.append(wait)
        return True

    def _read(self, file: Path) -> None:
        finish_background_writes()  # a write this process handed over comes first
        try:
            content = json.loads(file.read_bytes())
        except (OSError, ValueError, RecursionError):
            return
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            return
        entries = content.get("entries")
        generation = content.get("generation")
        if isinstance(entries, dict) and isinstance(generation, int):
            self._entries = entries
            self._generation = generation


def _fork_writer(file: Path, generation: int, entries: dict[str, Any]) -> Callable[[], None] | None:
    """A forked copy of this process writing ``file``; how to wait for it, or None."""
    if not fork_possible():
        return None
    try:
        child = os.fork()
    except OSError:
        return None
    if child == 0:  # pragma: no cover - the child's lines run in the forked process
        _write_and_exit(file, generation, entries)
    return functools.partial(_reap, child)


def _write_and_exit(file: Path, generation: int, entries: dict[str, Any]) -> NoReturn:
    """In the forked child: write the file and leave at once (no atexit handlers, no flushing)."""
    code = 1
    try:
        gc.disable()  # a collection would touch, and so copy, every page of the parent's heap
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, 0, HELPER_NICENESS)
        write_cache_file(file, generation, entries)
        code = 0
    finally:
        os._exit(code)


def _reap(child: int) -> None:
    with contextlib.suppress(ChildProcessError, InterruptedError):
        os.waitpid(child, 0)


def _start_writer(
    file: Path, generation: int, entries: dict[str, Any]
) -> Callable[[], None] | None:
    """``python -m copkit.load.cache_writer`` sent the entries; how to wait for it, or None."""
    try:
        payload = marshal.dumps((generation, entries))
    except ValueError:  # nested deeper than marshal goes: written here, as before
        return None
    process = start_helper("copkit.load.cache_writer", str(file), output=False)
    if process is None:
        return None
    sender = send_in_background(process, payload)

    def wait() -> None:
        sender.join()
        process.wait()

    return wait


def file_key(raw: bytes, reader_version: str, max_nodes: int) -> str:
    """The identity of a file's bytes as read by ``reader_version`` under this alias bound."""
    digest = hashlib.sha256(f"{reader_version}\0{max_nodes}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


def write_atomically(file: Path, text: str) -> None:
    """Write ASCII ``text`` to ``file`` through a temporary file beside it and a rename.

    A reader sees the old content or the new, never half of it; on failure nothing is
    left behind and the error is raised (the caches ignore it).
    """
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(text)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_cache_file(file: Path, generation: int, entries: dict[str, Any]) -> None:
    """Write the cache file (atomically) holding ``entries``; raises OSError, ValueError."""
    write_atomically(file, _dump(generation, entries))


def _dump(generation: int, entries: dict[str, Any]) -> str:
    try:
        return json.dumps(
            {"format": FORMAT, "generation": generation, "entries": entries},
            allow_nan=False,
            separators=(",", ":"),
        )
    except (ValueError, RecursionError):
        # Infinity and NaN are not JSON, and json cannot write (nor read back) documents
        # nested deeper than the recursion limit: leave out the rare documents that hold them.
        kept = {}
        for key, entry in entries.items():
            try:
                json.dumps(entry, allow_nan=False)
            except (ValueError, RecursionError):
                continue
            kept[key] = entry
        return json.dumps(
            {"format": FORMAT, "generation": generation, "entries": kept},
            allow_nan=False,
            separators=(",", ":"),
        )


def cache_folder(root: Path) -> Path | None:
    """``<git common dir>/copkit/cache`` for the repository holding ``root``, or None."""
    git = shutil.which("git")
    if git is None:
        return None
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    try:
        result = subprocess.run(
            [git, "-C", str(root), "rev-parse", "--git-common-dir"],
            capture_output=True,
            env=env,
            check=False,
        )
    except OSError:
        return None
    output = result.stdout.decode("utf-8", "surrogateescape").strip()
    if result.returncode != 0 or not output:
        return None
    common = Path(output)
    if not common.is_absolute():
        common = root / common
    return common / "copkit" / "cache"
