"""Helpers for linter tests: a small organisation every rule passes, and ways to break it."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from git import Actor, Repo

from copkit.findings import Finding
from copkit.history import email_index, read_history
from copkit.lint import lint
from copkit.loader import load_repository
from copkit.repository import Repository

TODAY = dt.date(2026, 3, 1)
CONFIG = "apiVersion: copkit/v1\nkind: Config\ndata: communities\n"


def entity(kind: str, id: str, **fields: Any) -> dict[str, Any]:
    return {"apiVersion": "copkit/v1", "kind": kind, "id": id, **fields}


def person(id: str, unit: str, handle: str | None = None) -> dict[str, Any]:
    extra = {"handle": handle} if handle else {}
    return entity("Person", id, name=id.title(), emails=[f"{id}@example.org"], unit=unit, **extra)


def clean_entities() -> dict[str, dict[str, Any]]:
    """An organisation that passes every stable rule on TODAY (path under communities/)."""
    members = [
        {"person": "ada", "level": "core"},
        {"person": "bob", "level": "core"},
        {"person": "cy", "level": "active"},
        {"person": "dee", "level": "active"},
        {"person": "eve", "level": "peripheral"},
    ]
    return {
        "tax.yaml": entity(
            "Taxonomy",
            "tax",
            title="Vocabulary",
            tags=[{"id": "mlops", "label": "MLOps"}],
            skills=[{"id": "python", "label": "Python"}],
        ),
        "people/ada.yaml": person("ada", "Payments", "ada-gh"),
        "people/bob.yaml": person("bob", "Search", "bob-gh"),
        "people/cy.yaml": person("cy", "Payments", "cy-gh"),
        "people/dee.yaml": person("dee", "Risk"),
        "people/eve.yaml": person("eve", "Search"),
        "mle/mle.yaml": entity(
            "Community",
            "mle",
            name="ML Engineering",
            summary="People who ship models.",
            stage="active",
            domain=["mlops"],
            leads=[
                {
                    "person": "ada",
                    "role": "chair",
                    "since": "2025-07-01",
                    "until": "2027-06-30",
                },
                {
                    "person": "bob",
                    "role": "co-chair",
                    "since": "2025-07-01",
                    "until": "2027-06-30",
                },
            ],
            members=members,
            channels=[{"type": "chat", "name": "#mle"}],
            meetings={"cadence": "biweekly"},
        ),
        "mle/mle-charter.yaml": entity(
            "Charter",
            "mle-charter",
            community="mle",
            version="1.0",
            mission="Ship models safely.",
            in_scope=["training"],
            out_of_scope=["dashboards"],
            governance={"decision_making": "lazy-consensus"},
            membership="Anyone who trains models.",
            onboarding=["Join the channel"],
            success_metrics=["models-shipped"],
            review_date="2026-12-31",
        ),
        "mle/metrics/models-shipped.yaml": entity(
            "Metric",
            "models-shipped",
            name="Models shipped",
            community="mle",
            unit="models",
            direction="higher-is-better",
            target=10,
            observations=[{"date": "2026-02-01", "value": 12}],
        ),
        "mle/practices/pin-data.yaml": entity(
            "Practice",
            "pin-data",
            title="Pin training data",
            community="mle",
            owners=["ada"],
            status="adopted",
            summary="Snapshot the data every model is trained on.",
            tags=["mlops"],
            approvals=[
                {"person": "bob", "date": "2026-01-10"},
                {"person": "cy", "date": "2026-01-11"},
            ],
            adopted_by=[{"team": "search"}],
            next_review="2026-09-01",
        ),
        "mle/practices/model-cards.yaml": entity(
            "Practice",
            "model-cards",
            title="Write model cards",
            community="mle",
            owners=["bob"],
            status="trial",
            summary="Document every model.",
            next_review="2026-06-01",
        ),
    }


class LintRepo:
    """A repository in a folder, written from dicts, linted through the real engine."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "communities"
        root.mkdir(parents=True, exist_ok=True)
        (root / "copkit.yaml").write_text(CONFIG, encoding="utf-8")
        self.docs: dict[str, dict[str, Any]] = {}
        for relative, document in clean_entities().items():
            self.write(relative, document)

    def write(self, relative: str, content: dict[str, Any] | str) -> Path:
        path = self.data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            self.docs[relative] = content
            path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
        return path

    def edit(self, relative: str, **fields: Any) -> dict[str, Any]:
        """Change fields of a document (``None`` removes one) and write it again."""
        document = copy.deepcopy(self.docs[relative])
        for name, value in fields.items():
            if value is None:
                document.pop(name, None)
            else:
                document[name] = value
        self.write(relative, document)
        return document

    def remove(self, relative: str) -> None:
        (self.data / relative).unlink()
        self.docs.pop(relative, None)

    def config(self, text: str) -> None:
        (self.root / "copkit.yaml").write_text(CONFIG + text, encoding="utf-8")

    def load(self) -> Repository:
        result = load_repository(self.root)
        assert result.ok, result.findings.sorted()
        return result.repository

    def lint(
        self,
        *,
        today: dt.date = TODAY,
        select: list[str] | None = None,
        base: Repository | None = None,
        history: bool = False,
    ) -> list[Finding]:
        repository = self.load()
        return lint(
            repository,
            today=today,
            base=base,
            select=select,
            read_history=(
                lambda: read_history(
                    repository.root, repository.data_dir, email_index(repository.people)
                )
            )
            if history
            else None,
        ).findings

    def codes(self, code: str, **kwargs: Any) -> list[Finding]:
        """Findings of one rule, with only that rule selected."""
        return [f for f in self.lint(select=[code], **kwargs) if f.code == code]


def commit_all(root: Path, message: str, when: dt.datetime, who: str = "ada") -> str:
    """Commit everything in ``root`` (creating the git repository if needed) at ``when``."""
    repo = Repo(root) if (root / ".git").exists() else Repo.init(root, initial_branch="main")
    repo.git.add(A=True)
    actor = Actor(who.title(), f"{who}@example.org")
    stamp = f"{int(when.replace(tzinfo=dt.UTC).timestamp())} +0000"
    commit = repo.index.commit(
        message, author=actor, committer=actor, author_date=stamp, commit_date=stamp
    )
    return commit.hexsha


def run_copkit(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "copkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
