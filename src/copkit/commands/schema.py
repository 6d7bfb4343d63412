"""``copkit schema``: JSON Schemas for editors and other tools, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

from copkit.model import ENTITY_MODELS, Config

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://copkit.dev/schemas/v1/"


def schema_file_name(kind: str) -> str:
    return f"{_snake(kind)}.schema.json"


def generate() -> dict[str, str]:
    """File name -> schema text, for every entity kind and the config file."""
    models: dict[str, type[BaseModel]] = {**ENTITY_MODELS, "Config": Config}
    files: dict[str, str] = {}
    for kind, model in models.items():
        name = schema_file_name(kind)
        schema: dict[str, Any] = {
            "$schema": SCHEMA_DIALECT,
            "$id": SCHEMA_BASE + name,
            **model.model_json_schema(by_alias=True, mode="validation"),
        }
        files[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files


def run(out: Path, *, check: bool) -> int:
    files = generate()
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
