"""Writing the parse cache in a helper process (forked, or started and sent the entries): the
same bytes, on disk before anyone reads."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from copkit.load import cache as cache_module
from copkit.load.cache import FILE_NAME, ParseCache, finish_background_writes
from tests.conftest import REPO_ROOT

VALUES = {
    "plain": {"x": 1.5, "y": [True, None, "text", -0.0, 10**30], "café": "naïve ✓"},
    "list": [1, 2, {"nested": {"deeper": ["a", "b"]}}],
    "scalar": "just text",
    "infinite": {"x": float("inf")},  # JSON cannot hold it: left out by either writer
}


@pytest.fixture(params=["forked", "started"])
def background(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Background writes allowed, even for a handful of entries, by either kind of helper."""
    finish_background_writes()  # none left over from an earlier test's command line
    monkeypatch.delenv("COPKIT_PARALLEL", raising=False)
    monkeypatch.setattr(cache_module, "_background", True)
    monkeypatch.setattr(cache_module, "BACKGROUND_MIN_ENTRIES", 1)
    kind = str(request.param)
    if kind == "started":
        monkeypatch.setattr(cache_module, "fork_possible", lambda: False)
    elif not cache_module.fork_possible():
        pytest.skip("no fork here (or another thread runs)")
    return kind


def children_started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records which kind of helper each handed-over write went to."""
    started: list[str] = []
    real_fork, real_start = cache_module._fork_writer, cache_module.start_helper

    def fork(*args: Any) -> Any:
        wait = real_fork(*args)
        if wait is not None:
            started.append("forked")
        return wait

    def start(*args: Any, **kwargs: Any) -> Any:
        started.append("started")
        return real_start(*args, **kwargs)

    monkeypatch.setattr(cache_module, "_fork_writer", fork)
    monkeypatch.setattr(cache_module, "start_helper", start)
    return started


def fill(file: Path) -> ParseCache:
    cache = ParseCache(file)
    for key, values in VALUES.items():
        cache.put(key, values)
    return cache


def writer(file: Path, payload: bytes) -> int:
    path = os.pathsep.join(filter(None, [str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "copkit.load.cache_writer", str(file)],
        input=payload,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": path},
        timeout=60,
        check=False,
    )
    return result.returncode


def test_the_helper_writes_the_bytes_a_save_here_writes(
    tmp_path: Path, background: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = tmp_path / "here" / FILE_NAME, tmp_path / "there" / FILE_NAME
    cache_module._background = False
    fill(here).save()
    cache_module._background = True
    started = children_started(monkeypatch)
    fill(there).save()
    assert started == [background]
    assert cache_module._pending  # handed over, not written here
    finish_background_writes()
    assert not cache_module._pending
    assert there.read_bytes() == here.read_bytes()
    assert [p.name for p in there.parent.iterdir()] == [FILE_NAME]


@pytest.mark.usefixtures("background")
def test_a_cache_read_after_a_handed_over_save_sees_its_entries(tmp_path: Path) -> None:
    file = tmp_path / "cache" / FILE_NAME
    fill(file).save()
    again = ParseCache(file)  # no explicit wait: reading waits for this process's writes
    assert again.get("plain") == (True, VALUES["plain"])
    assert again.get("infinite") == (False, None)


def test_values_marshal_cannot_carry_are_saved_as_before(tmp_path: Path, background: str) -> None:
    deep: object = []
    for _ in range(5_000):  # deeper than marshal (and json) go
        deep = [deep]
    file = tmp_path / "cache" / FILE_NAME
    cache = ParseCache(file)
    cache.put("deep", {"interests": deep})
    cache.put("plain", {"x": 1})
    cache.save()
    # A forked copy needs no marshal; a started helper cannot be sent them: written here.
    assert bool(cache_module._pending) == (background == "forked")
    again = ParseCache(file)
    assert again.get("plain") == (True, {"x": 1})
    assert again.get("deep") == (False, None)


def test_without_permission_or_with_parallel_off_the_save_is_done_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    finish_background_writes()  # none left over from an earlier test's command line
    monkeypatch.setattr(cache_module, "_background", False)  # main() in-process turns it on
    monkeypatch.setattr(cache_module, "BACKGROUND_MIN_ENTRIES", 1)
    fill(tmp_path / "a" / FILE_NAME).save()  # the default: a library caller, a test
    assert not cache_module._pending
    monkeypatch.setattr(cache_module, "_background", True)
    monkeypatch.setenv("COPKIT_PARALLEL", "0")
    fill(tmp_path / "b" / FILE_NAME).save()
    assert not cache_module._pending
    assert (tmp_path / "b" / FILE_NAME).read_bytes() == (tmp_path / "a" / FILE_NAME).read_bytes()


def test_a_writer_whose_input_is_cut_short_leaves_the_cache_alone(tmp_path: Path) -> None:
    file = tmp_path / "cache" / FILE_NAME
    file.parent.mkdir()
    file.write_text("old content", encoding="ascii")
    payload = marshal.dumps((3, {"k": [3, {"a": [1, 2, 3]}]}))  # entries as save() holds them
    assert writer(file, payload[: len(payload) // 2]) == 1
    assert writer(file, marshal.dumps(["not", "entries"])) == 1
    assert file.read_text(encoding="ascii") == "old content"
    assert [p.name for p in file.parent.iterdir()] == [FILE_NAME]
    assert writer(file, payload) == 0
    assert ParseCache(file).get("k") == (True, {"a": [1, 2, 3]})
