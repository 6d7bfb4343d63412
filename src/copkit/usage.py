"""The one exception for a command asked for something that cannot be done (exit code 2).

A module of its own, importing nothing: the command line's entry point catches it, and
importing it from the loader would pull in pydantic and every model before the command
starts (``copkit score`` starts ``git log`` before those imports).
"""

from __future__ import annotations


class UsageError(Exception):
    """The command was asked for something that cannot be done (exit code 2)."""
