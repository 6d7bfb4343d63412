"""Skeletons of new entities: valid at once, in the canonical layout, where they belong."""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML

from copkit.canonical import canonical_text, with_escapes
from copkit.commands.schema import SCHEMA_BASE, schema_file_name
from copkit.model import API_VERSION, ENTITY_MODELS
from copkit.model.asset import AssetType

ASSET_TYPES: tuple[str, ...] = AssetType.__args__  # type: ignore[attr-defined]

KINDS: dict[str, str] = {
    "community": "Community",
    "charter": "Charter",
    "practice": "Practice",
    "person": "Person",
    "metric": "Metric",
    "event": "Event",
    "objective": "Objective",
    "taxonomy": "Taxonomy",
    "asset": "KnowledgeAsset",
    **dict.fromkeys(ASSET_TYPES, "KnowledgeAsset"),
}
"""What ``copkit new`` accepts -> entity kind. Asset types (story, ...) make KnowledgeAssets."""

NEEDS_COMMUNITY = {"Charter", "Practice", "Metric", "KnowledgeAsset", "Event"}
_FOLDERS = {
    "Practice": "practices",
    "Metric": "metrics",
    "KnowledgeAsset": "stories",
    "Event": "events",
}


class ScaffoldError(ValueError):
    """The skeleton cannot be made from what was given (a usage error)."""


@dataclass(frozen=True)
class NewEntity:
    """What a user asked for on the command line."""

    what: str
    id: str
    community: str | None = None
    people: tuple[str, ...] = ()
    title: str | None = None
    today: dt.date | None = None
    values: tuple[tuple[str, Any], ...] = ()


def relative_path(kind: str, request: NewEntity) -> str:
    """Where the entity goes under the data folder, by convention."""
    if kind == "Community":
        return f"{request.id}/{request.id}.yaml"
    if kind == "Person":
        return f"people/{request.id}.yaml"
    if kind == "Objective":
        return f"objectives/{request.id}.yaml"
    if kind == "Taxonomy":
        return f"taxonomy/{request.id}.yaml"
    if kind == "Charter":
        return f"{request.community}/{request.id}.yaml"
    return f"{request.community}/{_FOLDERS[kind]}/{request.id}.yaml"


def skeleton(request: NewEntity) -> tuple[str, dict[str, Any]]:
    """The kind and the fields of a new entity that validates as it is."""
    kind = KINDS.get(request.what)
    if kind is None:
        raise ScaffoldError(f"unknown kind {request.what!r}; use one of {', '.join(KINDS)}")
    if kind in NEEDS_COMMUNITY and not request.community:
        raise ScaffoldError(f"a {request.what} belongs to a community: add --community ID")
    today = request.today or dt.date.today()
    title = request.title or request.id.replace("-", " ").capitalize()
    people = list(request.people)
    fields: dict[str, Any] = {"apiVersion": API_VERSION, "kind": kind, "id": request.id}
    if kind == "Community":
        fields |= {
            "name": title,
            "summary": f"TODO: who the {title} community is and why it exists.",
            "stage": "potential",
            "founded": today.isoformat(),
        }
    elif kind == "Charter":
        fields |= {
            "community": request.community,
            "version": "0.1",
            "mission": "TODO: why the community exists, in a few sentences.",
            "review_date": (today + dt.timedelta(days=365)).isoformat(),
        }
    elif kind == "Practice":
        if not people:
            raise ScaffoldError("a practice needs an owner: add --owner PERSON")
        fields |= {
            "title": title,
            "community": request.community,
            "owners": people,
            "status": "draft",
            "summary": "TODO: one or two sentences a reader scans in the catalog.",
            "problem": "TODO: the problem this practice solves.",
            "solution": "TODO: what to do.",
            "created": today.isoformat(),
            "next_review": (today + dt.timedelta(days=180)).isoformat(),
        }
    elif kind == "Person":
        fields |= {"name": request.title or title.title()}
    elif kind == "Metric":
        fields |= {
            "name": title,
            "community": request.community,
            "unit": "count",
            "direction": "higher-is-better",
        }
        if people:
            fields["owner"] = people[0]
    elif kind == "KnowledgeAsset":
        if not people:
            raise ScaffoldError(f"a {request.what} needs an author: add --owner PERSON")
        fields |= {
            "type": request.what if request.what in ASSET_TYPES else "story",
            "title": title,
            "community": request.community,
            "authors": people,
            "date": today.isoformat(),
            "summary": "TODO: what happened and what was learned, in two sentences.",
        }
    elif kind == "Event":
        fields |= {
            "title": title,
            "type": "meetup",
            "community": request.community,
            "date": today.isoformat(),
            "hosts": people,
        }
    elif kind in ("Objective", "Taxonomy"):
        fields |= {"title": title}
    for key, value in request.values:
        fields[key] = value
    return kind, fields


def render(kind: str, fields: dict[str, Any], *, schema_ref: str) -> str:
    """The file text: a schema modeline for editors, then the fields in canonical layout."""
    model = ENTITY_MODELS[kind]
    try:
        model.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ScaffoldError(f"{where}: {first['msg']}") from None
    yaml = YAML(typ="rt")
    stream = io.StringIO()
    yaml.dump(with_escapes(fields), stream)
    text = f"# yaml-language-server: $schema={schema_ref}\n{stream.getvalue()}"
    return canonical_text(text)


def schema_reference(target: Path, root: Path, kind: str) -> str:
    """A path from the new file to the repository's schema, or the published URL."""
    local = root / "schemas" / schema_file_name(kind)
    if local.is_file():
        return os.path.relpath(local, target.parent).replace(os.sep, "/")
    return SCHEMA_BASE + schema_file_name(kind)
