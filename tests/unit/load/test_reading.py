"""Reading within the size limit: what fstat saw, and more only when the file grew."""

from __future__ import annotations

from pathlib import Path

from copkit.load.reading import read_up_to


def test_a_file_is_read_whole_when_fstat_is_right(tmp_path: Path) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"id: x\n" * 100)
    with open(file, "rb") as handle:
        assert read_up_to(handle, 600, 1_000) == b"id: x\n" * 100


def test_a_file_that_grew_after_fstat_is_read_on_to_one_byte_over_the_limit(
    tmp_path: Path,
) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"a" * 5_000)
    with open(file, "rb") as handle:  # fstat said 10 bytes; the file now holds 5,000
        assert read_up_to(handle, 10, 1_000) == b"a" * 1_001
    with open(file, "rb") as handle:  # grew, but stays within the limit
        assert read_up_to(handle, 10, 10_000) == b"a" * 5_000


def test_a_file_that_shrank_after_fstat_gives_what_is_left(tmp_path: Path) -> None:
    file = tmp_path / "f.yaml"
    file.write_bytes(b"short\n")
    with open(file, "rb") as handle:
        assert read_up_to(handle, 900, 1_000) == b"short\n"
