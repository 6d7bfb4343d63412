"""What a rule can read: the resolved repository, git history, the base branch, today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from copkit.custom.facts import FactSource
from copkit.history import History
from copkit.model import Community
from copkit.repository import Repository


@dataclass
class LintContext:
    """Everything the rules of one lint run share. History is read at most once, lazily."""

    repository: Repository
    today: dt.date
    base: Repository | None = None
    """The repository at the merge base with ``--base``; None outside pull-request mode."""
    read_history: Callable[[], History] | None = field(default=None, repr=False)

    @cached_property
    def history(self) -> History:
        """The one pass over git history; read the first time a rule asks for it."""
        if self.read_history is None:
            return History(available=False, reason="history was not requested")
        return self.read_history()

    @cached_property
    def facts(self) -> FactSource:
        """Derived facts for declared rules (``$facts``), worked out once per entity."""
        history = (lambda: self.history) if self.read_history is not None else None
        return FactSource(self.repository, self.today, history)

    @cached_property
    def people_of(self) -> dict[str, frozenset[str]]:
        """Community id -> everyone who belongs to it (members and leads)."""
        return {
            community.id: frozenset(
                [member.person for member in community.members]
                + [lead.person for lead in community.leads]
            )
            for community in self.repository.communities.values()
        }

    def current_leads(self, community: Community) -> list[str]:
        """Leads whose term has not ended by today, in file order, without repeats."""
        seen: dict[str, None] = {}
        for lead in community.leads:
            if lead.until is None or lead.until >= self.today:
                seen.setdefault(lead.person, None)
        return list(seen)
