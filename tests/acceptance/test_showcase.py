"""The project's own showcase organisation in communities/ is valid, canonical and rich."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from copkit.commands.schema import schema_file_name
from copkit.loader import load_repository
from copkit.model.practice import PRACTICE_STATUSES
from tests.conftest import REPO_ROOT, run_copkit


def test_validate_with_no_arguments_checks_the_showcase() -> None:
    result = run_copkit("validate", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stderr


def test_every_showcase_file_passes_its_json_schema() -> None:
    validators: dict[str, Draft202012Validator] = {}
    files = sorted((REPO_ROOT / "communities").rglob("*.yaml"))
    assert files
    for path in files:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = document["kind"]
        if kind not in validators:
            schema = json.loads((REPO_ROOT / "schemas" / schema_file_name(kind)).read_text())
            validators[kind] = Draft202012Validator(
                schema, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
        # PyYAML reads dates as date objects; the schemas describe the YAML text.
        errors = list(validators[kind].iter_errors(json.loads(json.dumps(document, default=str))))
        assert errors == [], (path, [error.message for error in errors])


def test_showcase_is_in_canonical_layout() -> None:
    result = run_copkit("fmt", "--check", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr


def test_showcase_is_rich_enough_to_show_every_feature() -> None:
    repository = load_repository(REPO_ROOT).repository
    assert len(repository.communities) >= 6
    assert len({c.stage for c in repository.communities.values()}) >= 5
    assert len(repository.people) >= 30
    assert all(person.skills for person in repository.people.values())
    assert len(repository.practices) >= 40
    statuses = Counter(practice.status for practice in repository.practices.values())
    assert set(statuses) == set(PRACTICE_STATUSES)
    assert repository.charters
    assert any(metric.observations for metric in repository.metrics.values())
    assert repository.assets
    assert repository.events
    assert repository.objectives
    assert repository.taxonomies


def test_showcase_readme_lists_its_deliberate_problems() -> None:
    readme = Path(REPO_ROOT / "communities" / "README.md").read_text(encoding="utf-8")
    assert "ai-in-customer-service" in readme
