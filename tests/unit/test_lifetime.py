"""What a command-line process leaves to its exit, and that nothing is left otherwise."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import weakref

import pytest

from copkit import lifetime
from copkit.lifetime import keep, settle


class Thing:
    """Something a weak reference can watch."""


def test_in_a_long_lived_process_nothing_is_kept_nor_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lifetime, "_keeping", False)  # as if main() never ran in this process
    thing = Thing()
    watch = weakref.ref(thing)
    frozen = gc.get_freeze_count()
    keep(thing)
    settle()
    del thing
    assert watch() is None
    assert gc.get_freeze_count() == frozen


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_a_process_about_to_end_keeps_objects_and_freezes_the_collector() -> None:
    output = run_python(
        """
        import gc, weakref
        from copkit.lifetime import exit_soon, keep, settle

        class Thing:
            pass

        exit_soon()
        kept, dropped = Thing(), Thing()
        watch_kept, watch_dropped = weakref.ref(kept), weakref.ref(dropped)
        keep(kept)
        del kept, dropped
        gc.collect()
        print(watch_kept() is not None, watch_dropped() is None, gc.get_freeze_count() == 0)
        settle()
        print(gc.get_freeze_count() > 0)
        """
    )
    assert output.split() == ["True", "True", "True", "True"]


def test_kept_objects_are_not_freed_when_the_interpreter_exits() -> None:
    # A finaliser that writes shows whether an object was freed at exit (os.write: late
    # in the exit, sys.stdout is gone).
    output = run_python(
        """
        import gc, os
        from copkit.lifetime import exit_soon, keep

        class Loud:
            def __init__(self, name):
                self.name = name
            def __del__(self):
                os.write(1, f"freed {self.name}\\n".encode())

        exit_soon()
        keep(Loud("kept"))
        Loud("dropped")
        gc.freeze()  # as copkit.cli.main does before the interpreter ends
        """
    )
    assert "freed dropped" in output
    assert "freed kept" not in output
