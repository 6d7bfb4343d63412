"""The checked-in JSON Schemas: generated from the models, valid 2020-12, self-documenting."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from copkit.commands.schema import generate, schema_file_name
from tests.conftest import REPO_ROOT, minimal_entities, run_copkit

SCHEMAS = REPO_ROOT / "schemas"


def test_checked_in_schemas_match_the_models() -> None:
    result = run_copkit("schema", "--check", "--out", str(SCHEMAS))
    assert result.returncode == 0, result.stderr


def test_schema_check_fails_when_a_file_is_stale(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert run_copkit("schema", "--out", str(out)).returncode == 0
    target = out / "practice.schema.json"
    target.write_text(target.read_text().replace("A short imperative title.", "Stale."))
    result = run_copkit("schema", "--check", "--out", str(out))
    assert result.returncode == 1
    assert "practice.schema.json: out of date" in result.stderr


@pytest.mark.parametrize("name", sorted(generate()))
def test_schema_is_a_valid_2020_12_schema_with_an_id(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(name)


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}[{index}]")


@pytest.mark.parametrize("name", sorted(generate()))
def test_every_field_has_a_description_for_editors(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text())
    missing = [where for where, prop in _properties(schema, name) if "description" not in prop]
    assert missing == []


def test_valid_documents_pass_their_json_schema() -> None:
    for relative, document in minimal_entities().items():
        schema = json.loads((SCHEMAS / schema_file_name(document["kind"])).read_text())
        errors = list(Draft202012Validator(schema).iter_errors(document))
        assert errors == [], (relative, errors)


def test_json_schema_rejects_what_the_models_reject() -> None:
    schema = json.loads((SCHEMAS / "person.schema.json").read_text())
    validator = Draft202012Validator(schema)
    base = yaml.safe_load("apiVersion: copkit/v1\nkind: Person\nid: ada\nname: Ada\n")
    assert validator.is_valid(base)
    assert not validator.is_valid({**base, "id": "../etc"})
    assert not validator.is_valid({**base, "emials": []})
    assert not validator.is_valid({**base, "skills": [{"skill": "python", "level": "guru"}]})
