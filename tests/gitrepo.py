"""Building real git repositories for tests, with known authors and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from git import Actor, Repo


class GitRepo:
    """A real repository in a folder; each ``commit`` writes files and commits them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.repo = Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Test Runner")
            config.set_value("user", "email", "runner@example.invalid")
            config.set_value("commit", "gpgsign", "false")

    def commit(
        self,
        message: str,
        *,
        author: tuple[str, str],
        date: str,
        files: dict[str, object] | None = None,
        delete: tuple[str, ...] = (),
        rename: dict[str, str] | None = None,
    ) -> str:
        """Write ``files`` (text, or a dict dumped as YAML), apply deletes and renames, commit."""
        for relative, content in (files or {}).items():
            path = self.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False)
            path.write_text(text, encoding="utf-8")
            self.repo.index.add([relative])
        for relative in delete:
            self.repo.index.remove([relative], working_tree=True)
        for old, new in (rename or {}).items():
            (self.root / new).parent.mkdir(parents=True, exist_ok=True)
            self.repo.index.move([old, new])
        when = dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC)
        person = Actor(*author)
        commit = self.repo.index.commit(
            message, author=person, committer=person, author_date=when, commit_date=when
        )
        return commit.hexsha
