"""Faults while building the site: killed, read-only output, full disk, failing writes.

Each must leave the previous site byte-identical, and (except the kill) say what went
wrong in one line with exit 1 and no traceback. The build goes through the real
``copkit`` entry point in a child process, which is what gets killed or starved.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.adversarial.harness import TIMEOUT, Outcome, tree_digest
from tests.sitefixture import build_fixture_repo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_repo(tmp_path_factory.mktemp("faults") / "repo")


def previous_site(folder: Path) -> dict[str, str]:
    """A stand-in for last week's site (the build replaces the whole folder)."""
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>last week's site</h1>\n", encoding="utf-8")
    (folder / "assets" / "app.js").write_bytes(os.urandom(4096))
    return tree_digest(folder)


def build(repo: Path, site: Path, **popen: object) -> Outcome:
    result = subprocess.run(
        [sys.executable, "-m", "copkit", "build", str(repo), "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        **popen,  # type: ignore[arg-type]
    )
    return Outcome(result.returncode, result.stdout, result.stderr)


def assert_clear_failure(outcome: Outcome, words: str) -> None:
    assert "Traceback" not in outcome.output, outcome.output[-3000:]
    assert outcome.code == 1, outcome.output
    last = outcome.stderr.strip().splitlines()[-1]
    assert last.startswith("copkit: error: "), outcome.stderr
    assert words in last, last


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site."))


def test_a_killed_build_leaves_the_previous_site_intact(repository: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    before = previous_site(site)
    process = subprocess.Popen(
        [sys.executable, "-m", "copkit", "build", str(repository), "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + TIMEOUT
    try:
        # Kill it once the new site is half-written: the staging folder has files.
        while time.monotonic() < deadline and process.poll() is None:
            staging = [p for p in tmp_path.iterdir() if p.name.startswith(".site.build-")]
            if staging and any(path.is_file() for path in staging[0].rglob("*")):
                break
            time.sleep(0.01)
        assert process.poll() is None, "the build ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=TIMEOUT)
    assert process.returncode == -signal.SIGKILL
    assert tree_digest(site) == before
    # The next build cleans up after the killed one and succeeds.
    outcome = build(repository, site)
    assert outcome.code == 0, outcome.output
    assert (site / "practices" / "index.html").is_file()
    assert leftovers(tmp_path) == []


def test_a_failing_write_is_one_line_and_keeps_the_previous_site(
    repository: Path, tmp_path: Path
) -> None:
    """Writes beyond 200 kB fail with EFBIG (RLIMIT_FSIZE; SIGXFSZ ignored): a real
    failing write in the middle of the build, without any privilege."""
    site = tmp_path / "site"
    before = previous_site(site)

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    outcome = build(repository, site, preexec_fn=small_files)
    assert_clear_failure(outcome, "File too large")
    assert tree_digest(site) == before
    assert leftovers(tmp_path) == []


@contextmanager
def mounted(*options: str, source: str = "tmpfs", target: Path) -> Iterator[None]:
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", *options, source, str(target)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"this machine cannot mount file systems: {result.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(target)], check=True)


def test_a_full_disk_is_one_line_and_keeps_the_previous_site(
    repository: Path, tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    with mounted("-t", "tmpfs", "-o", "size=256k", target=disk):
        site = disk / "site"
        before = previous_site(site)
        outcome = build(repository, site)
        assert_clear_failure(outcome, "No space left on device")
        assert tree_digest(site) == before
        assert leftovers(disk) == []


def test_a_read_only_output_folder_is_one_line_and_keeps_the_previous_site(
    repository: Path, tmp_path: Path
) -> None:
    parent = tmp_path / "published"
    site = parent / "site"
    before = previous_site(site)
    with mounted("--bind", source=str(parent), target=parent):
        subprocess.run(["mount", "-o", "remount,bind,ro", str(parent)], check=True)
        outcome = build(repository, site)
        assert_clear_failure(outcome, "Read-only file system")
        assert tree_digest(site) == before
        assert leftovers(parent) == []
