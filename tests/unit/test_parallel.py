"""Work shared with a forked child: the plain loop's results, in order, whatever happens there."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import pytest

from copkit.load.helpers import cores
from copkit.parallel import fork_possible, map_in_two

# Only the machine decides (fork exists, two cores): a thread left running by the project
# would make map_in_two fall back, and these tests fail instead of being skipped.
needs_fork = pytest.mark.skipif(
    not hasattr(os, "fork") or cores() < 2, reason="this machine has no fork or one core"
)


@pytest.fixture(autouse=True)
def parallel_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPKIT_PARALLEL", raising=False)


def square_with_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def slow_square_with_pid(item: int) -> tuple[int, int]:
    time.sleep(0.02)  # long enough for the child to start and take its share
    return item * item, os.getpid()


@needs_fork
@pytest.mark.parametrize("count", [2, 3, 10, 61])
def test_results_are_the_loops_in_order_the_first_here_the_last_from_a_child(count: int) -> None:
    results = map_in_two(slow_square_with_pid, list(range(count)))
    assert [value for value, _ in results] == [item * item for item in range(count)]
    here = os.getpid()
    pids = [pid for _, pid in results]
    ours = pids.index(next(pid for pid in pids if pid != here))  # where the child's begin
    assert ours >= 1
    assert set(pids[:ours]) == {here}
    assert here not in pids[ours:]
    assert len(set(pids[ours:])) == 1


@needs_fork
def test_a_slower_side_takes_fewer_items() -> None:
    def slow_in_the_child(item: int) -> tuple[int, int]:
        time.sleep(0.005 if os.getpid() == here else 0.05)  # the child ten times slower
        return item, os.getpid()

    here = os.getpid()
    results = map_in_two(slow_in_the_child, list(range(40)))
    assert [item for item, _ in results] == list(range(40))
    from_child = sum(1 for _, pid in results if pid != here)
    assert 1 <= from_child < 10  # far from the 20 of a fixed half


def test_parallel_off_or_too_few_items_means_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()
    assert {pid for _, pid in map_in_two(square_with_pid, [1, 2, 3], min_items=4)} == {here}
    monkeypatch.setenv("COPKIT_PARALLEL", "0")
    assert {pid for _, pid in map_in_two(square_with_pid, list(range(10)))} == {here}


def test_no_child_while_another_thread_runs() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not fork_possible()
        assert {pid for _, pid in map_in_two(square_with_pid, list(range(10)))} == {os.getpid()}
    finally:
        release.set()
        other.join()


def raising_on(bad: int) -> Callable[[int], int]:
    def function(item: int) -> int:
        if item == bad:
            raise ValueError(f"item {item}")
        return item

    return function


@needs_fork
def test_an_error_in_the_childs_share_is_raised_here() -> None:
    with pytest.raises(ValueError, match="item 3"):
        map_in_two(raising_on(3), list(range(8)))  # 3 is the child's


@needs_fork
def test_results_the_child_cannot_send_are_computed_here() -> None:
    here = os.getpid()

    def unpicklable(item: int) -> Callable[[], tuple[int, int]]:
        pid = os.getpid()
        return lambda: (item, pid)  # a local function: pickle refuses it

    results = [make() for make in map_in_two(unpicklable, list(range(6)))]
    assert results == [(item, here) for item in range(6)]
