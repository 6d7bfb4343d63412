"""What ``copkit init`` writes: a new community repository that passes ``copkit check``.

Two sources: the example organisation (entity files built here as data, so they validate
against the models and come out in ``copkit fmt``'s canonical layout with a schema
modeline), and the repository's scaffolding (workflows, templates, site, README), shipped
as files under ``init_template/``. Dates are relative to ``today`` so that nothing in a
new repository is overdue or stale.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import PurePosixPath
from typing import Any

import jinja2

import copkit
from copkit.commands.schema import generate as generate_schemas
from copkit.commands.schema import schema_file_name
from copkit.model import API_VERSION
from copkit.scaffold import render

DATA_DIR = "communities"
COMMUNITY = "software-craft"
COPKIT_REPOSITORY = "https://github.com/copkit/copkit"
TEMPLATE_PACKAGE = "copkit"
TEMPLATE_FOLDER = "init_template"
DOT_PREFIX = "dot-"
"""A template path part ``dot-github`` is written as ``.github``: package data globs and
some tools skip hidden files, so the shipped names carry no leading dot."""


def plan(*, today: dt.date, title: str) -> dict[str, str]:
    """Every file of the new repository: path relative to its root -> text."""
    files: dict[str, str] = {}
    files["copkit.yaml"] = config_text(title)
    for name, text in generate_schemas().items():
        files[f"schemas/{name}"] = text
    for relative, (kind, fields) in example_entities(today).items():
        path = PurePosixPath(DATA_DIR) / relative
        depth = len(path.parent.parts)
        schema_ref = "../" * depth + "schemas/" + schema_file_name(kind)
        files[path.as_posix()] = render(kind, fields, schema_ref=schema_ref)
    files.update(scaffolding(title=title))
    return dict(sorted(files.items()))


def config_text(title: str) -> str:
    return f"""\
# yaml-language-server: $schema=schemas/{schema_file_name("Config")}
# How copkit reads this repository. Every key is optional; `copkit rules` lists the
# governance rules and their options.
apiVersion: {API_VERSION}
kind: Config
data: {DATA_DIR}
site:
  title: {json.dumps(title)}
lint:
  options:
    # A small community has few people to approve a practice. Raise this to 2 (the
    # default) once more members can review.
    COP230:
      min_approvals: 1
"""


def _day(today: dt.date, days: int) -> str:
    return (today + dt.timedelta(days=days)).isoformat()


def example_entities(today: dt.date) -> dict[str, tuple[str, dict[str, Any]]]:
    """The example organisation: path under the data folder -> (kind, fields)."""

    def entity(kind: str, entity_id: str, **fields: Any) -> tuple[str, dict[str, Any]]:
        return kind, {"apiVersion": API_VERSION, "kind": kind, "id": entity_id, **fields}

    community = COMMUNITY
    return {
        "taxonomy/vocabulary.yaml": entity(
            "Taxonomy",
            "vocabulary",
            title="Shared vocabulary of our communities",
            tags=[
                {
                    "id": "code-review",
                    "label": "Code review",
                    "description": "Reading each other's changes before they ship.",
                },
                {
                    "id": "testing",
                    "label": "Testing",
                    "description": "Automated tests and how we trust them.",
                },
                {
                    "id": "documentation",
                    "label": "Documentation",
                    "description": "Writing things down so others can act on them.",
                },
            ],
            skills=[
                {
                    "id": "python",
                    "label": "Python",
                    "description": "Writing, testing and packaging Python code.",
                },
                {
                    "id": "software-testing",
                    "label": "Software testing",
                    "description": "Designing tests that catch real mistakes.",
                },
                {
                    "id": "technical-writing",
                    "label": "Technical writing",
                    "description": "Clear guides, references and decision records.",
                },
            ],
        ),
        "people/alex-morgan.yaml": entity(
            "Person",
            "alex-morgan",
            name="Alex Morgan",
            emails=["alex.morgan@example.com"],
            unit="platform",
            title="Staff Engineer",
            joined=_day(today, -900),
            skills=[
                {"skill": "python", "level": "expert"},
                {"skill": "software-testing", "level": "proficient"},
            ],
            interests=["testing", "code-review"],
            mentors=["python"],
            learning=["technical-writing"],
        ),
        "people/sam-rivera.yaml": entity(
            "Person",
            "sam-rivera",
            name="Sam Rivera",
            emails=["sam.rivera@example.com"],
            unit="payments",
            title="Senior Engineer",
            joined=_day(today, -500),
            skills=[
                {"skill": "technical-writing", "level": "expert"},
                {"skill": "python", "level": "working"},
            ],
            interests=["documentation", "code-review"],
            mentors=["technical-writing"],
            learning=["software-testing"],
        ),
        f"{community}/{community}.yaml": entity(
            "Community",
            community,
            name="Software craft",
            summary="Engineers from every team who want to write, review and test code "
            "better together. This is an example community made by `copkit init`: "
            "rename it, or replace it with your own.",
            domain=["code-review", "testing"],
            stage="potential",
            founded=_day(today, -60),
            leads=[
                {
                    "person": "alex-morgan",
                    "role": "co-lead",
                    "since": _day(today, -60),
                    "until": _day(today, 305),
                },
                {
                    "person": "sam-rivera",
                    "role": "co-lead",
                    "since": _day(today, -60),
                    "until": _day(today, 305),
                },
            ],
            members=[
                {"person": "alex-morgan", "level": "core", "since": _day(today, -60)},
                {"person": "sam-rivera", "level": "core", "since": _day(today, -60)},
            ],
            channels=[{"type": "chat", "name": "#software-craft"}],
            meetings={"cadence": "monthly", "day": "thursday", "time": "15:00"},
        ),
        f"{community}/{community}-charter.yaml": entity(
            "Charter",
            f"{community}-charter",
            community=community,
            version="1.0",
            mission="Help every team ship code that its readers understand and its tests "
            "protect, by writing down what works and reviewing it together.",
            in_scope=["Code review", "Automated testing", "Engineering documentation"],
            out_of_scope=["Team processes and planning", "Choice of programming language"],
            governance={
                "decision_making": "lazy-consensus",
                "description": "A practice is adopted by pull request. It is merged when a "
                "member who does not own it approves and no member objects within a week.",
            },
            membership="Open to everyone. Add yourself to the community file by pull request.",
            onboarding=[
                "Add yourself to the community file by pull request",
                "Read the adopted practices",
                "Come to a monthly meeting and review one pull request",
            ],
            success_metrics=["reviewed-changes"],
            ratified=_day(today, -45),
            review_date=_day(today, 320),
        ),
        f"{community}/practices/review-every-change.yaml": entity(
            "Practice",
            "review-every-change",
            title="Review every change before it merges",
            community=community,
            owners=["alex-morgan"],
            status="adopted",
            summary="Every change to a shared repository is read and approved by someone "
            "other than its author before it is merged.",
            problem="Changes merged without review break things nobody saw coming, and "
            "only their author knows how they work.\n",
            solution="1. Open a pull request for every change, however small.\n"
            "2. Ask one reviewer who knows the code; keep the change small enough to "
            "review in half an hour.\n"
            "3. Merge only after an approval and green checks.\n",
            tags=["code-review"],
            skills=["software-testing"],
            reviewers=["sam-rivera"],
            approvals=[
                {
                    "person": "sam-rivera",
                    "date": _day(today, -30),
                    "note": "Tried it on the payments service for a month.",
                },
            ],
            adopted_by=[
                {"team": "platform", "since": _day(today, -28)},
                {"team": "payments", "since": _day(today, -28)},
            ],
            created=_day(today, -40),
            next_review=_day(today, 150),
        ),
        f"{community}/metrics/reviewed-changes.yaml": entity(
            "Metric",
            "reviewed-changes",
            name="Changes merged after a review",
            community=community,
            description="Share of merged pull requests with at least one approval, counted "
            "at the end of each month.",
            unit="%",
            direction="higher-is-better",
            target=95,
            owner="sam-rivera",
            observations=[
                {"date": _day(today, -60), "value": 78},
                {"date": _day(today, -30), "value": 89},
                {"date": _day(today, -2), "value": 96},
            ],
            review_date=_day(today, 180),
        ),
    }


def scaffolding(*, title: str) -> dict[str, str]:
    """The shipped template files, rendered: path -> text."""
    environment = jinja2.Environment(
        # Workflows are full of ${{ ... }}; template markers are [[ ... ]] instead.
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    values = {
        "title": title,
        "version": copkit.__version__,
        "copkit_repository": COPKIT_REPOSITORY,
        "data": DATA_DIR,
        "community": COMMUNITY,
    }
    root = resources.files(TEMPLATE_PACKAGE) / TEMPLATE_FOLDER
    files: dict[str, str] = {}
    for parts, source in _walk(root, ()):
        target = "/".join(
            "." + part.removeprefix(DOT_PREFIX) if part.startswith(DOT_PREFIX) else part
            for part in parts
        )
        text = source.read_text(encoding="utf-8")
        files[target] = environment.from_string(text).render(values)
    return files


def _walk(folder: Traversable, parts: tuple[str, ...]) -> list[tuple[tuple[str, ...], Traversable]]:
    found: list[tuple[tuple[str, ...], Traversable]] = []
    for child in sorted(folder.iterdir(), key=lambda item: item.name):
        if child.name == "__pycache__":
            continue
        if child.is_dir():
            found.extend(_walk(child, (*parts, child.name)))
        else:
            found.append(((*parts, child.name), child))
    return found
