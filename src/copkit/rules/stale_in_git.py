"""COP243 stale-in-git: living documents nobody has touched in git for too long."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from copkit.findings import Finding
from copkit.model import Entity
from copkit.rules.base import Options, Rule
from copkit.rules.context import LintContext


class StaleInGitOptions(Options):
    max_age_days: int = Field(
        default=365, ge=1, description="Days without a commit after which a file is stale."
    )


class StaleInGitRule(Rule):
    """A trial or adopted practice, a charter or a declared metric untouched in git too long.

    Rationale:
        Review dates are promises; git history is what happened. A file nobody has changed
        in a year is likely out of date whatever its review date says. The last change is
        read from one pass over the git history (renames followed). Files not yet
        committed are not stale. In a shallow clone this rule cannot run and says so.

    Fix:
        Review the file and commit an update (even a new review date), or deprecate it.

    Passing:
        # communities/mle/practices/pin-data.yaml, last commit 30 days ago
        status: adopted

    Failing:
        # communities/mle/practices/pin-data.yaml, last commit 500 days ago
        status: adopted
    """

    code = "COP243"
    name = "stale-in-git"
    default_severity = "warning"
    needs_history = True
    options_model = StaleInGitOptions

    def check(self, context: LintContext) -> Iterator[Finding]:
        options = self.options
        assert isinstance(options, StaleInGitOptions)
        history = context.history
        if not history.complete:
            return
        last_change = history.last_change
        repository = context.repository
        living: list[Entity] = [
            *(p for p in repository.practices.values() if p.status in ("trial", "adopted")),
            *repository.charters.values(),
            *(m for m in repository.metrics.values() if m.computed is None),
        ]
        for entity in living:
            path = repository.path_of(entity)
            commit = last_change.get(path)
            if commit is None:
                continue
            age = (context.today - commit.time.astimezone(dt.UTC).date()).days
            if age > options.max_age_days:
                yield self.at(
                    context,
                    entity,
                    ("id",),
                    f"{entity.kind_name.lower()} {entity.id!r} was last changed in git "
                    f"{age} days ago ({commit.time.date().isoformat()}), over "
                    f"{options.max_age_days}",
                )
