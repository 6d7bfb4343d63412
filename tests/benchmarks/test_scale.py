"""The scale benchmark's verdicts, and the harness's timeout, on real processes."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from benchmarks._harness import run_process  # noqa: E402
from benchmarks.bench_scale import Result, verdicts  # noqa: E402

GIB = 2**30


def result(entities: int, command: str, **changes: object) -> Result:
    base = Result(
        entities=entities,
        command=command,
        argv=["python", "-m", "copkit", command],
        seconds=1.0,
        cpu_seconds=1.0,
        max_rss_bytes=100 * 2**20,
        returncode=0,
        timed_out=False,
        traceback=False,
        error="",
        commit="abc",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_timeout_kills_the_whole_process_group_and_still_measures(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    run = run_process(
        ["sh", "-c", f"sleep 60 & echo $! > {pid_file}; wait"],
        timeout=0.5,
    )
    assert run.timed_out
    assert run.returncode == -9
    assert run.max_rss_bytes > 0
    grandchild = int(pid_file.read_text())
    try:
        os.kill(grandchild, 0)
    except ProcessLookupError:
        pass
    else:  # a zombie not yet reaped by init still answers; it must not be running
        state = Path(f"/proc/{grandchild}/stat").read_text().split()[2]
        assert state == "Z"


def test_stderr_is_kept_to_tell_a_traceback_from_findings() -> None:
    run = run_process([sys.executable, "-c", "raise SystemExit('boom')"])
    assert run.returncode == 1
    assert "boom" in run.stderr_tail
    assert not run.timed_out


def test_findings_pass_but_crashes_timeouts_and_usage_errors_do_not() -> None:
    results = [
        result(10_000, "lint", returncode=1),
        result(10_000, "score", returncode=1, traceback=True, error="KeyError: 'x'"),
        result(10_000, "build", returncode=-9, timed_out=True, error="timed out after 5 s"),
        result(10_000, "fmt --check", returncode=2, error="usage"),
    ]
    _, misses = verdicts(results)
    assert misses == [
        "score at 10000: did not complete (KeyError: 'x')",
        "build at 10000: did not complete (timed out after 5 s)",
        "fmt --check at 10000: did not complete (usage)",
    ]


def test_memory_and_growth_targets() -> None:
    results = [
        result(10_000, "lint", cpu_seconds=10.0),
        result(100_000, "lint", cpu_seconds=119.0),
        result(10_000, "report", cpu_seconds=10.0),
        result(100_000, "report", cpu_seconds=121.0, max_rss_bytes=2 * GIB),
    ]
    summary, misses = verdicts(results)
    assert misses == [
        "report at 100000: peak RSS 2048 MiB",
        "report: CPU 12.1x from 10000 to 100000 entities",
    ]
    assert "11.9x" in summary


def test_a_command_missing_at_one_size_is_a_miss() -> None:
    results = [result(10_000, "lint"), result(10_000, "build"), result(100_000, "lint")]
    _, misses = verdicts(results)
    assert misses == ["build at 100000: not measured"]
