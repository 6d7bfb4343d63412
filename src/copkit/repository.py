"""The resolved repository: every entity by kind and id, where it was written, and indexes.

This is what every later stage reads (lint, score, network, site). It is built once by
:func:`copkit.loader.load_repository` and never re-reads files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from copkit.custom.governance import CustomGovernance
from copkit.findings import Finding, Severity
from copkit.load.document import Document
from copkit.model import (
    Charter,
    Community,
    Config,
    Entity,
    Event,
    KnowledgeAsset,
    Metric,
    Objective,
    Person,
    Practice,
    Taxonomy,
)

E = TypeVar("E", bound=Entity)


@dataclass
class Repository:
    """A community repository, loaded, validated and resolved."""

    root: Path
    """The repository root (where ``copkit.yaml`` is, or the folder given)."""
    data_dir: Path
    """The folder holding the entity files."""
    config: Config
    config_path: Path | None = None
    config_document: Document | None = None
    """The parsed ``copkit.yaml``, kept so config problems can be located in it."""
    custom: CustomGovernance = field(default_factory=CustomGovernance)
    """The organisation's own fields and declared rules, compiled from the config."""
    entities: dict[str, dict[str, Entity]] = field(default_factory=lambda: defaultdict(dict))
    """kind -> id -> entity, each kind's ids in file order."""
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    """(kind, id) -> the document the entity was read from."""

    def add(self, entity: Entity, document: Document) -> None:
        self.entities[entity.kind_name][entity.id] = entity
        self.documents[(entity.kind_name, entity.id)] = document

    def release_sources(self) -> None:
        """Let go of every entity file's text, and of the values no extension field reads.

        For a reader that renders the checked entities and reports no more findings (the
        site, once the data is validated): the text and the parsed values are about a
        third of the loaded repository, some 300 MB at 100,000 entities. The entities,
        paths and extension values stay; locating a finding afterwards raises.
        """
        for (kind, _), document in self.documents.items():
            document.release(keep_data=bool(self.custom.fields.get(kind)))

    def of_kind(self, model: type[E]) -> dict[str, E]:
        """Entities of one kind, by id."""
        return cast(dict[str, E], self.entities.get(model.kind_name, {}))

    def all_entities(self) -> Iterator[Entity]:
        for by_id in self.entities.values():
            yield from by_id.values()

    @property
    def communities(self) -> dict[str, Community]:
        return self.of_kind(Community)

    @property
    def charters(self) -> dict[str, Charter]:
        return self.of_kind(Charter)

    @property
    def practices(self) -> dict[str, Practice]:
        return self.of_kind(Practice)

    @property
    def people(self) -> dict[str, Person]:
        return self.of_kind(Person)

    @property
    def metrics(self) -> dict[str, Metric]:
        return self.of_kind(Metric)

    @property
    def assets(self) -> dict[str, KnowledgeAsset]:
        return self.of_kind(KnowledgeAsset)

    @property
    def events(self) -> dict[str, Event]:
        return self.of_kind(Event)

    @property
    def objectives(self) -> dict[str, Objective]:
        return self.of_kind(Objective)

    @property
    def taxonomies(self) -> dict[str, Taxonomy]:
        return self.of_kind(Taxonomy)

    # -- where things are -------------------------------------------------------------

    def document(self, entity: Entity) -> Document:
        return self.documents[(entity.kind_name, entity.id)]

    def path_of(self, entity: Entity) -> str:
        """The entity's file, relative to the repository root."""
        return self.document(entity).path

    def finding(
        self,
        entity: Entity,
        loc: Sequence[str | int],
        code: str,
        severity: Severity,
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
    ) -> Finding:
        """A finding at the place in ``entity``'s file where ``loc`` was written."""
        document = self.document(entity)
        line, column = document.locate(loc, key=key)
        return Finding(code, severity, message, document.path, line, column, hint)

    def extension_values(self, entity: Entity) -> list[tuple[str, str, object]]:
        """The organisation fields ``entity`` carries: (name, label, value), in config order."""
        data = self.document(entity).data
        return [
            (spec.name, spec.title, value)
            for spec, value in self.custom.values_of(entity.kind_name, data)
        ]

    # -- vocabularies and indexes --------------------------------------------------------

    @cached_property
    def tags(self) -> dict[str, str]:
        """Tag id -> label, from every taxonomy."""
        return {term.id: term.label for tax in self.taxonomies.values() for term in tax.tags}

    @cached_property
    def skills(self) -> dict[str, str]:
        """Skill id -> label, from every taxonomy."""
        return {term.id: term.label for tax in self.taxonomies.values() for term in tax.skills}

    @cached_property
    def charter_of(self) -> dict[str, Charter]:
        """Community id -> its charter (the one with the latest review date if several)."""
        result: dict[str, Charter] = {}
        for charter in sorted(self.charters.values(), key=lambda c: (c.review_date, c.id)):
            result[charter.community] = charter
        return result

    @cached_property
    def practices_of(self) -> dict[str, list[Practice]]:
        """Community id -> its practices."""
        return _group(self.practices.values(), lambda p: p.community)

    @cached_property
    def metrics_of(self) -> dict[str, list[Metric]]:
        """Community id -> its metrics."""
        return _group(self.metrics.values(), lambda m: m.community)

    @cached_property
    def events_of(self) -> dict[str, list[Event]]:
        """Community id -> its events."""
        return _group(self.events.values(), lambda e: e.community)

    @cached_property
    def assets_of(self) -> dict[str, list[KnowledgeAsset]]:
        """Community id -> its knowledge assets."""
        return _group(self.assets.values(), lambda a: a.community)

    @cached_property
    def memberships_of(self) -> dict[str, list[Community]]:
        """Person id -> the communities they are a member or lead of."""
        result: dict[str, list[Community]] = defaultdict(list)
        for community in self.communities.values():
            people = {member.person for member in community.members}
            people.update(lead.person for lead in community.leads)
            for person in sorted(people):
                result[person].append(community)
        return dict(result)

    @cached_property
    def community_of_path(self) -> dict[str, str]:
        """Entity file path -> the community it belongs to (communities, charters, ...)."""
        result: dict[str, str] = {}
        for (_kind, _id), document in self.documents.items():
            entity = self.entities[_kind][_id]
            community = (
                entity.id if isinstance(entity, Community) else getattr(entity, "community", None)
            )
            if isinstance(community, str):
                result[document.path] = community
        return result


def _group(items: Iterable[E], key: Callable[[E], str]) -> dict[str, list[E]]:
    result: dict[str, list[E]] = defaultdict(list)
    for item in items:
        result[key(item)].append(item)
    return dict(result)
