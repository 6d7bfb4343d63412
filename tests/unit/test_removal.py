"""Deleting temporary folders: everything in them, nothing a link in them points at, and
nothing left behind when the deleting goes on in the background."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copkit.removal import Removals, remove_tree


def folder_with_links(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A folder of files and links to a folder and a file outside it; and that outside."""
    outside = tmp_path / f"{name}-outside"
    outside.mkdir()
    (outside / "keep.yaml").write_text("kept\n")
    folder = tmp_path / name
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "b" / "c.yaml").write_text("c\n")
    os.symlink(outside, folder / "a" / "out")
    os.symlink(outside / "keep.yaml", folder / "a" / "b" / "keep.yaml")
    return folder, outside


@pytest.mark.parametrize("rm", ["rm on PATH", "no rm"])
def test_removing_deletes_the_folder_and_not_what_its_links_point_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rm: str
) -> None:
    if rm == "no rm":
        monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    now, now_outside = folder_with_links(tmp_path, "now")
    later, later_outside = folder_with_links(tmp_path, "later")
    remove_tree(now)
    assert not now.exists()
    with Removals() as removals:
        removals.remove(later)
    assert not later.exists()
    for outside in (now_outside, later_outside):
        assert (outside / "keep.yaml").read_text() == "kept\n"


def test_an_error_still_waits_for_every_folder(tmp_path: Path) -> None:
    folders = [folder_with_links(tmp_path, name)[0] for name in ("one", "two")]

    def fail_midway() -> None:
        with Removals() as removals:
            for folder in folders:
                removals.remove(folder)
            raise RuntimeError("the command failed")

    with pytest.raises(RuntimeError):
        fail_midway()
    assert not any(folder.exists() for folder in folders)
