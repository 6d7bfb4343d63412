"""The trend: a community's scores at the end of each of the last months, from one index.

Each point reads the same :class:`~copkit.health.facts.Activity` index (built from the one
history pass) cut at its month's end, and the declared data filtered by its dates (members
who had joined, practices written, events held, observations made by then). The files are
those of the as-of day: a practice's status or a lead's term are taken as declared now.
"""

from __future__ import annotations

import datetime as dt


def month_ends(as_of: dt.date, months: int) -> list[tuple[str, dt.date]]:
    """``(YYYY-MM, day)`` for the ``months`` months ending with ``as_of``'s month, oldest first.

    Each day is the month's last day, except the current month's, which is ``as_of`` itself
    (its end is still to come), so the newest point equals the current score.
    """
    points: list[tuple[str, dt.date]] = []
    year, month = as_of.year, as_of.month
    for _ in range(months):
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        last = min(following - dt.timedelta(days=1), as_of)
        points.append((f"{year:04d}-{month:02d}", last))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    points.reverse()
    return points
