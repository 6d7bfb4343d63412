"""Parsing on the second core: a helper process reads files from the end of the list.

Parsing YAML is most of what a first load costs (no parse cache yet: a fresh clone, a CI
run), and it runs on one core while the other one idles once ``git log`` has finished.
:class:`Prefetch` starts one helper process (``python -m copkit.load.prefetch``) that
reads and parses the repository's files from the last to the first, in chunks, and streams
back each file's text and values, while the loader reads and parses from the first and
takes (validates) the helper's files as they arrive. They meet in the middle without any
coordination: the helper works strictly backwards, so when the loader reaches a file the
helper has already sent, the helper has sent every file after it too, and the loader
stops the helper; by then it has taken almost everything the helper sent.

Nothing changes but the time: the helper reads a file as the loader would
(:func:`~copkit.load.reading.read_bounded`, UTF-8, the byte-order mark dropped) and gives
the values :func:`parse` gives (it *is* :func:`parse`), with the text they were parsed
from and the parse cache's key of those bytes (:func:`file_key`). The loader takes the
three together, as its own read of the file: text and values always come from the same
bytes, and the loader reads none of those files again. A file the helper cannot read or
parse is left to the loader, which reads it and reports it exactly as before. If the
helper cannot be started, dies or sends garbage, the loader reads everything itself.

The values travel as :mod:`marshal` data, the fastest encoding of plain values, from a
process copkit started itself over a pipe only the two hold; nothing in it is ever run.
``COPKIT_PARALLEL=0`` turns the helper off.
"""

from __future__ import annotations

import marshal
import os
import struct
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from copkit.load.cache import file_key
from copkit.load.helpers import helpers_possible, send_in_background, start_helper
from copkit.load.reading import read_bounded
from copkit.load.yaml_reader import YamlProblem, parse

CHUNK = 64
"""Files per message: enough to share marshal's references, small enough to start early."""
MIN_FILES = 1_000
"""Fewer files than this are parsed faster than a process starts."""
_HEADER = struct.Struct("<QQ")  # chunk number, body length
_FAILED = 0


class Prefetch:
    """The helper process and what it has sent; :meth:`arrived` hands it to the loader."""

    def __init__(self, process: subprocess.Popen[bytes], count: int) -> None:
        self._process: subprocess.Popen[bytes] | None = process
        self._count = count
        self._buffer = bytearray()
        self._chunks: dict[int, bytes] = {}
        self._lowest = count  # every file at or after this index has been received
        self._next_chunk = 0
        self.taken = 0
        """Files whose values came from the helper."""
        assert process.stdout is not None
        self._fd = process.stdout.fileno()
        os.set_blocking(self._fd, False)

    @classmethod
    def start(
        cls,
        paths: Sequence[Path],
        *,
        max_file_bytes: int,
        max_nodes: int,
        reader_version: str,
        min_files: int = MIN_FILES,
    ) -> Prefetch | None:
        """A helper parsing ``paths`` from the end, or None where one would not pay off."""
        if len(paths) < min_files or not helpers_possible():
            return None
        request = "\n".join(
            [str(max_file_bytes), str(max_nodes), reader_version, *(str(path) for path in paths)]
        )
        if "\0" in request:  # pragma: no cover - paths never hold NUL
            return None
        process = start_helper("copkit.load.prefetch", output=True)
        if process is None:
            return None
        send_in_background(process, request.encode("utf-8", "surrogateescape"))
        return cls(process, len(paths))

    @property
    def received_from(self) -> int:
        """Every file at or after this index has been received (the helper may go on)."""
        return self._lowest

    def arrived(self) -> list[tuple[int, str, str, Any]]:
        """``(index, key, text, values)`` of each file received since the last call.

        For a loader that handles the helper's files as they come instead of when it
        reaches them. Files the helper could not read or parse are left out.
        """
        if self._process is not None:
            self._receive()
        found: list[tuple[int, str, str, Any]] = []
        for chunk in sorted(self._chunks):
            entries = self._decode(chunk)
            found.extend((index, *entry) for index, entry in entries.items())
        self.taken += len(found)
        return found

    def close(self) -> None:
        """Stop the helper (if still running) and drop what it sent."""
        self._stop()
        self._buffer = bytearray()
        self._chunks.clear()

    def _decode(self, chunk: int) -> dict[int, tuple[str, str, Any]]:
        body = self._chunks.pop(chunk, None)
        entries: dict[int, tuple[str, str, Any]] = {}
        if body is None:
            return entries
        try:
            records = marshal.loads(body)
            for index, key, failed, values, text in records:
                if failed == _FAILED:
                    continue
                if not (isinstance(key, str) and isinstance(text, str)):
                    return {}
                entries[index] = (key, text, values)
        except (EOFError, ValueError, TypeError):
            return {}
        return entries

    def _receive(self) -> None:
        """Read whatever the helper has written so far, without waiting."""
        while True:
            try:
                data = os.read(self._fd, 1 << 20)
            except BlockingIOError:
                break
            except OSError:
                self._stop()
                break
            if not data:  # the helper finished (or died): keep what arrived whole
                self._stop()
                break
            self._buffer += data
        buffer = self._buffer
        offset = 0
        while len(buffer) - offset >= _HEADER.size:
            chunk, length = _HEADER.unpack_from(buffer, offset)
            end = offset + _HEADER.size + length
            if end > len(buffer):
                break
            if chunk != self._next_chunk:  # out of order: stop trusting the stream
                self._stop()
                self._buffer = bytearray()
                return
            self._chunks[chunk] = bytes(buffer[offset + _HEADER.size : end])
            self._next_chunk += 1
            self._lowest = max(0, self._count - (chunk + 1) * CHUNK)
            offset = end
        del buffer[:offset]

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _parse_file(
    path: str, max_file_bytes: int, max_nodes: int, reader_version: str
) -> tuple[str, Any, str] | None:
    """``(key, values, text)`` for a file that reads and parses cleanly, else None."""
    try:
        size, raw = read_bounded(path, max_file_bytes)
    except OSError:
        return None
    if size > max_file_bytes or len(raw) > max_file_bytes:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        values = parse(text, max_nodes=max_nodes)
    except YamlProblem:
        return None
    return file_key(raw, reader_version, max_nodes), values, text


def main() -> int:
    """The helper: read the request on stdin, write chunks of values to stdout."""
    lines = sys.stdin.buffer.read().decode("utf-8", "surrogateescape").split("\n")
    max_file_bytes, max_nodes, reader_version = int(lines[0]), int(lines[1]), lines[2]
    paths = lines[3:]
    out = sys.stdout.buffer
    count = len(paths)
    for chunk, end in enumerate(range(count, 0, -CHUNK)):
        records: list[tuple[int, str, int, Any, str | None]] = []
        for index in range(max(0, end - CHUNK), end):
            parsed = _parse_file(paths[index], max_file_bytes, max_nodes, reader_version)
            if parsed is None:
                records.append((index, "", _FAILED, None, None))
                continue
            key, values, text = parsed
            records.append((index, key, 1, values, text))
        try:
            body = marshal.dumps(records)
        except ValueError:  # a value marshal cannot hold (nested too deeply): send them one by one
            body = marshal.dumps([_marshallable(record) for record in records])
        out.write(_HEADER.pack(chunk, len(body)))
        out.write(body)
        out.flush()
    return 0


def _marshallable(
    record: tuple[int, str, int, Any, str | None],
) -> tuple[int, str, int, Any, str | None]:
    try:
        marshal.dumps(record)
    except ValueError:
        return (record[0], "", _FAILED, None, None)
    return record


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BrokenPipeError, KeyboardInterrupt):
        sys.exit(0)
