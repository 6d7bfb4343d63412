"""Writing the parse cache on the second core: the helper :meth:`ParseCache.save` hands to.

``python -m copkit.load.cache_writer FILE`` reads ``(generation, entries)`` as :mod:`marshal`
data on its input, from the copkit process that started it, over a pipe only the two hold,
and writes the cache file exactly as that process would have (the same function, the same
atomic replacement). If the input is cut short (the command was stopped) nothing is
written and the cache stays as it was.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

from copkit.load.cache import write_cache_file


def main() -> int:
    """Read the entries from standard input and write them to the file named in argv."""
    file = Path(sys.argv[1])
    try:
        generation, entries = marshal.loads(sys.stdin.buffer.read())
    except (EOFError, ValueError, TypeError):
        return 1
    if not isinstance(generation, int) or not isinstance(entries, dict):
        return 1
    try:
        write_cache_file(file, generation, entries)
    except (OSError, ValueError):
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(1)
