"""Reading within the size limit: what fstat saw, and more only when the file grew."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from copkit.load import reading
from copkit.load.reading import read_bounded


def test_a_file_is_read_whole_with_its_size(tmp_path: Path) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"id: x\n" * 100)
    assert read_bounded(file, 1_000) == (600, b"id: x\n" * 100)
    assert read_bounded(str(file), 600) == (600, b"id: x\n" * 100)
    file.write_bytes(b"")
    assert read_bounded(file, 1_000) == (0, b"")


def test_a_file_over_the_limit_gives_its_size_and_no_bytes(tmp_path: Path) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"a" * 5_000)
    assert read_bounded(file, 4_999) == (5_000, b"")


def test_a_file_that_grew_after_fstat_is_read_on_to_one_byte_over_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"a" * 5_000)
    real_fstat = os.fstat

    class Stale:
        def __init__(self, fd: int) -> None:
            self.st_mode = real_fstat(fd).st_mode
            self.st_size = 10 if real_fstat(fd).st_size == 5_000 else real_fstat(fd).st_size

    monkeypatch.setattr(reading.os, "fstat", Stale)  # fstat says 10 bytes; there are 5,000
    assert read_bounded(file, 1_000) == (10, b"a" * 1_001)
    assert read_bounded(file, 10_000) == (10, b"a" * 5_000)


def test_an_unreadable_path_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "missing.yaml", 1_000)
    with pytest.raises(IsADirectoryError):
        read_bounded(tmp_path, 1_000)


def test_an_unchanged_file_costs_one_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"id: x\n" * 100)
    calls: list[int] = []
    real_read = os.read

    def counting_read(fd: int, count: int) -> bytes:
        calls.append(count)
        return real_read(fd, count)

    monkeypatch.setattr(reading.os, "read", counting_read)
    assert read_bounded(file, 1_000) == (600, b"id: x\n" * 100)
    assert calls == [601]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_read_to_its_end_though_its_reads_come_short(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)

    def write_slowly() -> None:
        with open(fifo, "wb") as out:
            for part in (b"id: ", b"x\n", b"kind: y\n"):
                out.write(part)
                out.flush()
                time.sleep(0.05)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    try:
        assert read_bounded(fifo, 1_000)[1] == b"id: x\nkind: y\n"
    finally:
        writer.join()
