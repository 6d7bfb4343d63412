"""Resolving the repository: unique ids, and every reference pointing at something real."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import cast

from copkit.findings import Finding
from copkit.load.document import Document
from copkit.model import Entity
from copkit.references import referenced_ids, references
from copkit.repository import Repository

_TARGET_NAMES = {
    "Person": "person",
    "Community": "community",
    "Practice": "practice",
    "Metric": "metric",
    "Objective": "objective",
    "tag": "tag",
    "skill": "skill",
}


def resolve(repository: Repository, documents: Iterable[tuple[Document, object]]) -> list[Finding]:
    """Add valid entities to ``repository`` and return the resolution findings."""
    findings: list[Finding] = []
    for document, entity_obj in documents:
        entity = cast(Entity, entity_obj)
        existing = repository.entities.get(entity.kind_name, {}).get(entity.id)
        if existing is not None:
            first = repository.document(existing)
            line, column = document.locate(("id",))
            first_line, _ = first.locate(("id",))
            findings.append(
                Finding(
                    "COP107",
                    "error",
                    f"duplicate {entity.kind_name} id {entity.id!r}: already defined in "
                    f"{first.path}:{first_line}",
                    document.path,
                    line,
                    column,
                    hint="ids are unique within a kind; rename one of the two",
                )
            )
            continue
        repository.add(entity, document)
    findings.extend(_duplicate_terms(repository))
    findings.extend(_unresolved(repository))
    return findings


def known_ids(repository: Repository, target: str) -> dict[str, object] | None:
    """Ids a reference to ``target`` may name, or None when anything goes (no taxonomy)."""
    if target == "tag":
        return cast(dict[str, object], repository.tags) if repository.taxonomies else None
    if target == "skill":
        return cast(dict[str, object], repository.skills) if repository.taxonomies else None
    return cast(dict[str, object], repository.entities.get(target, {}))


def _unresolved(repository: Repository) -> Iterable[Finding]:
    known_by_target = {target: known_ids(repository, target) for target in _TARGET_NAMES}
    for entity in repository.all_entities():
        if _all_known(referenced_ids(entity), known_by_target):
            continue  # the usual case: no location needed, none built
        for reference in references(entity):
            known = known_by_target[reference.target]
            if known is None or reference.value in known:
                continue
            name = _TARGET_NAMES[reference.target]
            close = difflib.get_close_matches(reference.value, list(known), n=3, cutoff=0.6)
            if close:
                hint = "did you mean " + " or ".join(repr(item) for item in close) + "?"
            elif reference.target in ("tag", "skill"):
                hint = f"add the {name} to a Taxonomy, or use one of: {_some(known)}"
            else:
                hint = f"create {name} {reference.value!r}, or use one of: {_some(known)}"
            yield repository.finding(
                entity,
                reference.loc,
                "COP108",
                "error",
                f"unknown {name} {reference.value!r}",
                hint=hint,
            )


def _all_known(
    found: list[tuple[str, str]], known_by_target: dict[str, dict[str, object] | None]
) -> bool:
    for target, value in found:
        known = known_by_target[target]
        if known is not None and value not in known:
            return False
    return True


def _some(known: dict[str, object], shown: int = 5) -> str:
    if not known:
        return "(none defined yet)"
    names = sorted(known)
    more = f" (and {len(names) - shown} more)" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _duplicate_terms(repository: Repository) -> Iterable[Finding]:
    for attribute in ("tags", "skills"):
        seen: dict[str, str] = {}
        for taxonomy in repository.taxonomies.values():
            for index, term in enumerate(getattr(taxonomy, attribute)):
                if term.id in seen:
                    yield repository.finding(
                        taxonomy,
                        (attribute, index, "id"),
                        "COP107",
                        "error",
                        f"duplicate {attribute[:-1]} {term.id!r}: "
                        f"already defined in {seen[term.id]}",
                        hint="each term is defined once; remove one of the two",
                    )
                else:
                    seen[term.id] = repository.path_of(taxonomy)
