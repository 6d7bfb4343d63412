"""Reading a file's bytes within the size limit, as cheaply as the operating system allows."""

from __future__ import annotations

from typing import BinaryIO


def read_up_to(handle: BinaryIO, size: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of an open file that ``fstat`` says holds ``size``.

    One byte more than the limit tells a caller the file is too big. Asking for
    ``limit + 1`` bytes at once would allocate that much (1 MB by default) for every
    file, which costs more than the reading itself; this asks for what ``fstat`` saw plus
    one byte (a file that grew since), and reads on towards the limit only then.
    """
    raw = handle.read(size + 1)
    if len(raw) > size:
        raw += handle.read(max(0, limit + 1 - len(raw)))
    return raw
