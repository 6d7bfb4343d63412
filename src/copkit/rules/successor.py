"""COP223 missing-successor: a term ending soon without a named successor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


class SuccessorOptions(Options):
    notice_days: int = Field(
        default=90, ge=0, description="How long before a term ends a successor must be named."
    )


class MissingSuccessorRule(Rule):
    """A lead's term ends within the notice period (or has ended) and no successor is named.

    Rationale:
        Succession planned in advance lets the successor shadow the lead and keeps the
        community's rhythm through the hand-over. A term that ends with nobody named
        leaves a gap.

    Fix:
        Name the successor: `successor: <person id>` on the lead whose term ends.

    Passing:
        leads:
          - {person: ada, role: chair, since: 2025-01-01, until: 2026-01-31, successor: bob}

    Failing:
        leads:
          - {person: ada, role: chair, since: 2025-01-01, until: 2026-01-31}
    """

    code = "COP223"
    name = "missing-successor"
    default_severity = "warning"
    options_model = SuccessorOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, SuccessorOptions)
        horizon = context.today + dt.timedelta(days=options.notice_days)
        for community in context.repository.communities.values():
            if community.stage == "closed":
                continue
            for index, lead in enumerate(community.leads):
                if lead.until is not None and lead.until <= horizon and lead.successor is None:
                    yield self.at(
                        context,
                        community,
                        ("leads", index),
                        f"the term of lead {lead.person!r} ends on {lead.until.isoformat()} "
                        "and no successor is named",
                    )
