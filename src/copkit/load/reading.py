"""Reading a file's bytes within the size limit, as cheaply as the operating system allows."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows would translate


def read_bounded(path: str | Path, limit: int) -> tuple[int, bytes]:
    """``(size, data)``: the file's size as ``fstat`` saw it and at most ``limit + 1`` bytes.

    ``data`` is empty when the size is over the limit; one byte more than the limit tells
    a caller the file grew over it between ``fstat`` and reading. Raises ``OSError``.

    Made for the loader, which reads thousands of small files: a plain descriptor, not a
    file object (``open`` costs more than the reading), and a read of what ``fstat`` saw
    plus one byte, not of ``limit + 1`` (that much would be allocated for every file).
    It reads on towards the limit only when the file grew; a read that returns less than
    asked for has reached the end of a regular file, so one costs one read, not two.
    """
    fd = os.open(path, _FLAGS)
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):  # as open() would refuse it
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        size = status.st_size
        if size > limit:
            return size, b""
        regular = stat.S_ISREG(status.st_mode)
        parts: list[bytes] = []
        total = 0
        want = size + 1
        while total <= limit:
            asked = want - total
            chunk = os.read(fd, asked)
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if regular and len(chunk) < asked:  # a short read of a file is its end
                break
            if total >= want:  # more than fstat saw: it grew, read on to the limit
                want = limit + 1
        return size, parts[0] if len(parts) == 1 else b"".join(parts)
    finally:
        os.close(fd)
