"""Derived facts a declarative rule can test, under the reserved key ``$facts``.

A rule's schemas see the entity as written plus ``$facts``: values copkit works out
across entities (the owning community's stage, counts) or from git. The set is small,
fixed and documented (``FACTS``); a rule that mentions ``days_since_change`` reads git
history, so in a shallow clone or outside git it does not run and COP209 says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from copkit.history import History
from copkit.model import Community, Entity, Practice
from copkit.repository import Repository

FACTS_KEY = "$facts"
HISTORY_FACT = "days_since_change"

FACTS: dict[str, dict[str, str]] = {
    "every kind": {
        HISTORY_FACT: "Days from the last commit that touched the entity's file to today "
        "(`--today`); `null` for a file not committed yet. Reads git history.",
    },
    "Practice, Charter, Metric, KnowledgeAsset, Event": {
        "community_stage": "The stage of the community named in `community` "
        "(potential, coalescing, active, stewardship, transforming, closed).",
    },
    "Practice": {
        "approvals": "Number of approvals.",
        "independent_approvals": "Approvals by people who are not owners of the practice.",
        "adopting_teams": "Number of teams in `adopted_by`.",
    },
    "Community": {
        "members": "Number of members.",
        "current_leads": "Leads whose term has not ended by today.",
        "practices": "Number of practices the community owns.",
        "adopted_practices": "Number of its practices with status `adopted`.",
        "has_charter": "Whether a charter names the community.",
    },
    "Person": {
        "communities": "Number of communities the person is a member or lead of.",
    },
}
"""Kinds -> fact name -> what it means (the documentation of ``$facts``)."""


@dataclass
class FactSource:
    """Works out ``$facts`` per entity, once each, for one lint run."""

    repository: Repository
    today: dt.date
    history: Callable[[], History] | None = None
    _cache: dict[tuple[str, str, bool], dict[str, Any]] = field(default_factory=dict)

    def of(self, entity: Entity, *, with_history: bool) -> dict[str, Any]:
        key = (entity.kind_name, entity.id, with_history)
        facts = self._cache.get(key)
        if facts is None:
            facts = self._compute(entity, with_history)
            self._cache[key] = facts
        return facts

    def _compute(self, entity: Entity, with_history: bool) -> dict[str, Any]:
        repository = self.repository
        facts: dict[str, Any] = {}
        if with_history and self.history is not None:
            commit = self.history().last_change.get(repository.path_of(entity))
            facts[HISTORY_FACT] = (
                None
                if commit is None
                else (self.today - commit.time.astimezone(dt.UTC).date()).days
            )
        community_id = getattr(entity, "community", None)
        if isinstance(community_id, str):
            owner = repository.communities.get(community_id)
            facts["community_stage"] = owner.stage if owner is not None else None
        if isinstance(entity, Practice):
            owners = set(entity.owners)
            facts["approvals"] = len(entity.approvals)
            facts["independent_approvals"] = sum(
                1 for approval in entity.approvals if approval.person not in owners
            )
            facts["adopting_teams"] = len(entity.adopted_by)
        elif isinstance(entity, Community):
            practices = repository.practices_of.get(entity.id, [])
            facts["members"] = len(entity.members)
            today = self.today
            current = {lead.person for lead in entity.leads if (lead.until or today) >= today}
            facts["current_leads"] = len(current)
            facts["practices"] = len(practices)
            facts["adopted_practices"] = sum(1 for p in practices if p.status == "adopted")
            facts["has_charter"] = entity.id in repository.charter_of
        elif entity.kind_name == "Person":
            facts["communities"] = len(repository.memberships_of.get(entity.id, []))
        return facts
