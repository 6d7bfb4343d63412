"""copkit: communities of practice as code."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """``__version__``, looked up when first asked for.

    Reading the installed metadata imports :mod:`importlib.metadata` and searches the
    path (~50 ms): every copkit process and helper would pay it at start-up, for a value
    only ``--version`` and a few reports print.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("copkit")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        found = "0.0.0"
    globals()["__version__"] = found
    return found
