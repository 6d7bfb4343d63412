"""``copkit new KIND ID``: write a valid skeleton where it belongs."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import click

from copkit.load.yaml_reader import YamlProblem, parse
from copkit.loader import UsageError, load_repository
from copkit.model import ENTITY_MODELS
from copkit.references import references
from copkit.resolver import known_ids
from copkit.scaffold import (
    NewEntity,
    ScaffoldError,
    relative_path,
    render,
    schema_reference,
    skeleton,
)


def parse_assignment(text: str) -> tuple[str, object]:
    """``key=value`` from ``--set``, the value read as YAML (strictly)."""
    key, separator, raw = text.partition("=")
    if not separator or not key.strip():
        raise UsageError(f"--set expects KEY=VALUE, got {text!r}")
    try:
        value = parse(raw, max_nodes=1000) if raw.strip() else None
    except YamlProblem as problem:
        raise UsageError(f"--set {key}: {problem.message}") from None
    return key.strip(), value


def run(
    what: str,
    entity_id: str,
    *,
    path: Path | None,
    community: str | None,
    people: tuple[str, ...],
    title: str | None,
    assignments: tuple[str, ...],
    today: dt.date | None,
    force: bool,
) -> int:
    request = NewEntity(
        what=what.lower(),
        id=entity_id,
        community=community,
        people=people,
        title=title,
        today=today,
        values=tuple(parse_assignment(item) for item in assignments),
    )
    try:
        kind, fields = skeleton(request)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    loaded = load_repository(path)
    repository = loaded.repository
    target = repository.data_dir / relative_path(kind, request)
    if target.exists() and not force:
        raise UsageError(f"{target} exists; add --force to overwrite it")
    if entity_id in repository.entities.get(kind, {}) and not force:
        where = repository.path_of(repository.entities[kind][entity_id])
        raise UsageError(f"a {kind} with id {entity_id!r} already exists in {where}")
    try:
        text = render(kind, fields, schema_ref=schema_reference(target, repository.root, kind))
        entity = ENTITY_MODELS[kind].model_validate(fields)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    for reference in references(entity):
        known = known_ids(repository, reference.target)
        if known is not None and reference.value not in known:
            close = difflib.get_close_matches(reference.value, list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise UsageError(f"unknown {reference.target.lower()} {reference.value!r}{hint}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(target.relative_to(repository.root).as_posix())
    return 0
