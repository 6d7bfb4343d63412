"""The MkDocs adapter over :mod:`copkit.render`: ``plugins: [copkit]`` in any mkdocs.yml.

The plugin loads the repository once per build (``on_config``), stops the build with
the same messages ``copkit validate`` prints when the data is invalid and the build is
strict, adds the rendered pages and charts as generated files (``on_files``), keeps
entity pages out of the navigation, and makes ``mkdocs serve`` watch the data folder.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from copkit.loader import LoadResult, UsageError, load_repository

log = logging.getLogger("mkdocs.plugins.copkit")

REPOSITORY_ENV = "COPKIT_REPOSITORY"


class CopkitPluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options under ``plugins: - copkit:`` in mkdocs.yml."""

    repository = c.Optional(c.Type(str))
    """The copkit repository (default: $COPKIT_REPOSITORY, else the folder of mkdocs.yml
    or the nearest folder above it holding copkit.yaml)."""
    strict = c.Type(bool, default=False)
    """Stop on invalid data even when MkDocs itself is not strict."""
    history = c.Type(bool, default=True)
    """Read git history (practice histories, contributors, changelog, health)."""
    network = c.Type(bool, default=True)
    """Analyse the expertise network (skill pages, community gaps, the network page)."""


class CopkitPlugin(BasePlugin[CopkitPluginConfig]):  # type: ignore[no-untyped-call]
    """Renders a copkit repository into the MkDocs build."""

    def __init__(self) -> None:
        self.loaded: LoadResult | None = None
        self.history: Any = None
        self.history_missing: str | None = None
        """Why the site was built without git history, if it was (kept after the drop)."""
        self.rendered: Any = None
        self.watched: list[Path] = []
        """What ``mkdocs serve`` watches: the data folder, copkit.yaml, the templates."""

    def repository_path(self, config: MkDocsConfig) -> Path:
        chosen = self.config.repository or os.environ.get(REPOSITORY_ENV)
        if chosen:
            return Path(chosen)
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from copkit.render.paths import ASSET_DIR
        from copkit.reporting.text import report, summary

        try:
            loaded = load_repository(self.repository_path(config))
        except UsageError as error:
            raise PluginError(f"copkit: {error}") from None
        if not loaded.ok:
            findings = loaded.findings.sorted()
            text = report(findings) + summary(findings, checked="the repository")
            if config.strict or self.config.strict:
                raise PluginError(f"copkit: the repository's data is invalid\n{text}")
            for line in report([f for f in findings if f.severity == "error"]).splitlines():
                log.warning(line)
        self.loaded = loaded
        repository = loaded.repository
        self.watched = [repository.data_dir]
        if repository.config_path is not None:
            self.watched.append(repository.config_path)
        templates = repository.root / repository.config.site.templates
        if templates.is_dir():
            self.watched.append(templates)
        self.history = None
        self.history_missing = None
        if self.config.history:
            from copkit.history import history_of

            self.history = history_of(repository)
            self.history_missing = None if self.history.available else self.history.reason
            if self.history.commits and "SOURCE_DATE_EPOCH" not in os.environ:
                # Dates MkDocs writes (sitemap, archive times) come from the data's
                # newest commit, so building the same commit twice gives the same bytes.
                newest = max(commit.time for commit in self.history.commits)
                os.environ["SOURCE_DATE_EPOCH"] = str(int(newest.timestamp()))
        stylesheet = f"{ASSET_DIR}/copkit.css"
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
        script = f"{ASSET_DIR}/catalog.js"
        if all(str(item) != script for item in config.extra_javascript):
            config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        from copkit.render import render_site
        from copkit.render.inputs import lint_rules, network, score
        from copkit.render.site import history_date

        assert self.loaded is not None
        repository = self.loaded.repository
        as_of = history_date(self.history) or dt.date.today()
        self.rendered = render_site(
            repository,
            history=self.history,
            health=score(repository, self.history, as_of),
            rules=lint_rules(repository),
            as_of=as_of,
            network=network(repository, self.history) if self.config.network else None,
        )
        for path, markdown in self.rendered.pages.items():
            if files.get_file_from_path(path) is not None:
                log.info("copkit: %s is written by hand; the generated page is skipped", path)
                continue
            inclusion = (
                InclusionLevel.NOT_IN_NAV
                if path in self.rendered.entity_pages
                else InclusionLevel.UNDEFINED
            )
            files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
        for path, data in self.rendered.assets.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=data))
        # The pages are MkDocs files now. Let go of the entities, the history and the
        # rendered copies before MkDocs turns every page into HTML (which it keeps until
        # the end): at 100,000 entities they are a gigabyte the rest of the build never
        # reads. Only the titles are still needed (on_page_content).
        self.loaded = None
        self.history = None
        self.rendered.pages.clear()
        self.rendered.assets.clear()
        gc.collect()
        return files

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Themes print page.title raw (and through striptags): use the escaped title.
        if self.rendered is not None and page.file.generated_by is not None:
            title = self.rendered.titles.get(page.file.src_uri)
            if title is not None:
                page.title = title
            # MkDocs keeps every page until the build ends; once a generated page is HTML,
            # its Markdown (held twice: the file's content and the page's body) is never
            # read again. At 100,000 entities that is over a hundred thousand pages.
            page.markdown = None
            page.file.content_string = ""
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # The page is written next; its HTML body is not read again (anchors are checked
        # from what rendering recorded, search indexed it in on_page_context).
        if page.file.generated_by is not None:
            page.content = None
        return output

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for path in self.watched:
            server.watch(str(path))
        return server
