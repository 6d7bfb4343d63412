"""``copkit schema``: JSON Schemas for editors and other tools, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from copkit.custom.governance import CustomGovernance
from copkit.model import ENTITY_MODELS, Config

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://copkit.dev/schemas/v1/"


def schema_file_name(kind: str) -> str:
    return f"{_snake(kind)}.schema.json"


def generate(custom: CustomGovernance | None = None) -> dict[str, str]:
    """File name -> schema text, for every entity kind and the config file.

    ``custom`` adds a repository's own fields (copkit.yaml ``fields:``) to their kinds, so
    editors complete and check them like copkit's fields.
    """
    models: dict[str, type[BaseModel]] = {**ENTITY_MODELS, "Config": Config}
    files: dict[str, str] = {}
    for kind, model in models.items():
        name = schema_file_name(kind)
        schema: dict[str, Any] = {
            "$schema": SCHEMA_DIALECT,
            "$id": SCHEMA_BASE + name,
            **model.model_json_schema(by_alias=True, mode="validation"),
        }
        if custom is not None:
            for field_name, spec in custom.fields_of(kind).items():
                field_schema = dict(spec.schema)
                if "$ref" in json.dumps(field_schema) or "$dynamicRef" in json.dumps(field_schema):
                    # Its local references resolve inside the field's own schema resource.
                    field_schema = {"$id": f"urn:copkit:field:{kind}:{field_name}", **field_schema}
                schema["properties"][field_name] = field_schema
        files[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files


def run(out: Path, *, check: bool, repository: Path | None = None) -> int:
    """Write (or check) the schemas in ``out``, with the fields of ``repository``'s config.

    ``repository`` defaults to the folder holding ``out``: schemas live in the repository.
    """
    from copkit.loader import UsageError, load_config

    start = repository if repository is not None else out.resolve().parent
    try:
        _root, _config, custom, problems = load_config(start if start.is_dir() else Path.cwd())
    except UsageError as error:
        click.echo(f"copkit: error: {error}", err=True)
        return 2
    if problems.count("error"):
        for problem in problems:
            click.echo(
                f"{problem.path}:{problem.line}:{problem.column}: {problem.code} {problem.message}",
                err=True,
            )
        return 1
    files = generate(custom)
    if check:
        stale = [
            name
            for name, text in files.items()
            if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
        ]
        extra = (
            sorted(path.name for path in out.glob("*.schema.json") if path.name not in files)
            if out.is_dir()
            else []
        )
        for name in stale:
            click.echo(f"{out / name}: out of date; run `copkit schema`", err=True)
        for name in extra:
            click.echo(f"{out / name}: no model generates it; delete it", err=True)
        if stale or extra:
            return 1
        click.echo(f"{len(files)} schemas up to date in {out}", err=True)
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    click.echo(f"wrote {len(files)} schemas to {out}", err=True)
    return 0


def _snake(kind: str) -> str:
    return "".join(f"-{char.lower()}" if char.isupper() else char for char in kind).lstrip("-")
