"""Real git repositories of communities, built commit by commit (health and lint tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import git
import pytest
import yaml


def person(person_id: str, *emails: str, unit: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "apiVersion": "copkit/v1",
        "kind": "Person",
        "id": person_id,
        "name": person_id.replace("-", " ").title(),
        "emails": list(emails),
    }
    if unit:
        data["unit"] = unit
    return data


def community(community_id: str, stage: str = "active", **fields: Any) -> dict[str, Any]:
    return {
        "apiVersion": "copkit/v1",
        "kind": "Community",
        "id": community_id,
        "name": community_id.replace("-", " ").title(),
        "summary": f"The {community_id} community.",
        "stage": stage,
        **fields,
    }


def practice(
    practice_id: str, community_id: str, owner: str, status: str = "adopted", **fields: Any
) -> dict[str, Any]:
    return {
        "apiVersion": "copkit/v1",
        "kind": "Practice",
        "id": practice_id,
        "title": practice_id.replace("-", " ").capitalize(),
        "community": community_id,
        "owners": [owner],
        "status": status,
        "summary": "A practice.",
        **fields,
    }


def metric(metric_id: str, community_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "apiVersion": "copkit/v1",
        "kind": "Metric",
        "id": metric_id,
        "name": metric_id.replace("-", " ").capitalize(),
        "community": community_id,
        "unit": "count",
        "direction": "higher-is-better",
        **fields,
    }


def event(event_id: str, community_id: str, date: str) -> dict[str, Any]:
    return {
        "apiVersion": "copkit/v1",
        "kind": "Event",
        "id": event_id,
        "title": event_id,
        "type": "talk",
        "community": community_id,
        "date": date,
    }


def asset(asset_id: str, community_id: str, author: str, date: str) -> dict[str, Any]:
    return {
        "apiVersion": "copkit/v1",
        "kind": "KnowledgeAsset",
        "id": asset_id,
        "type": "story",
        "title": asset_id,
        "community": community_id,
        "authors": [author],
        "date": date,
        "summary": "A story.",
    }


FOLDERS = {
    "Person": "people",
    "Community": "communities",
    "Practice": "practices",
    "Metric": "metrics",
    "Event": "events",
    "KnowledgeAsset": "assets",
}


class RepoBuilder:
    """A git repository of copkit files; every commit has an explicit author and date."""

    person = staticmethod(person)
    community = staticmethod(community)
    practice = staticmethod(practice)
    metric = staticmethod(metric)
    event = staticmethod(event)
    asset = staticmethod(asset)

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.repo = git.Repo.init(root)
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Fixture")
            config.set_value("user", "email", "fixture@example.org")
        (root / "copkit.yaml").write_text(
            "apiVersion: copkit/v1\nkind: Config\ndata: data\n", encoding="utf-8"
        )
        (root / "data").mkdir(exist_ok=True)

    def path_of(self, entity: dict[str, Any]) -> str:
        return f"data/{FOLDERS[entity['kind']]}/{entity['id']}.yaml"

    def put(self, *entities: dict[str, Any]) -> list[str]:
        """Write entities to their files; returns the paths, relative to the root."""
        paths = []
        for entity in entities:
            relative = self.path_of(entity)
            target = self.root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                yaml.safe_dump(entity, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
            paths.append(relative)
        return paths

    def commit(
        self,
        when: str,
        author: tuple[str, str],
        *entities: dict[str, Any],
        touch: tuple[str, ...] = (),
        message: str = "change",
    ) -> str:
        """Write ``entities`` (and append a comment to the files in ``touch``) and commit."""
        paths = self.put(*entities)
        for relative in touch:
            with (self.root / relative).open("a", encoding="utf-8") as handle:
                handle.write(f"# {when}\n")
            paths.append(relative)
        self.repo.index.add([*paths, "copkit.yaml"])
        actor = git.Actor(*author)
        moment = dt.datetime.fromisoformat(when)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        commit = self.repo.index.commit(
            message, author=actor, committer=actor, author_date=moment, commit_date=moment
        )
        return commit.hexsha

    def remove(self, when: str, author: tuple[str, str], *paths: str) -> str:
        self.repo.index.remove(list(paths), working_tree=True)
        actor = git.Actor(*author)
        stamp = dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC)
        return self.repo.index.commit(
            "remove", author=actor, committer=actor, author_date=stamp, commit_date=stamp
        ).hexsha


@pytest.fixture
def repo_builder(tmp_path: Path) -> Callable[[str], RepoBuilder]:
    """Make a fresh git repository of copkit files under ``tmp_path``."""

    def make(name: str = "repo") -> RepoBuilder:
        return RepoBuilder(tmp_path / name)

    return make
