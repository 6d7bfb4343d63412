"""The MkDocs adapter over :mod:`copkit.render`: ``plugins: [copkit]`` in any mkdocs.yml.

The plugin loads the repository once per build (``on_config``), stops the build with
the same messages ``copkit validate`` prints when the data is invalid and the build is
strict, adds the rendered pages and charts as generated files (``on_files``), keeps
entity pages out of the navigation, and makes ``mkdocs serve`` watch the data folder.

MkDocs holds every page from the moment it is added until the build ends, and converts
all of them to HTML before it writes the first. At 100,000 entities (some 120,000 pages)
that is gigabytes, so the generated pages wait on disk instead: their Markdown in a
scratch folder until MkDocs reads it, their HTML from conversion until the page is
written (:class:`PageSpill`). The site's bytes are the same.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from copkit.loader import LoadResult, UsageError, load_repository

log = logging.getLogger("mkdocs.plugins.copkit")

REPOSITORY_ENV = "COPKIT_REPOSITORY"
SEARCH_BODIES = 20_000
"""Entity pages whose whole text search indexes, by default (see ``search_bodies``).

The search index is one JSON file every reader downloads, and the search plugin holds
all of it (then its text twice more) in memory: at 100,000 entities the bodies made it
over 300 MB. Titles and summaries keep every page findable by name."""
_SUBHEADING = re.compile(r"<h[2-6][\s>]")


class PageSpill:
    """A scratch folder under ``parent`` holding generated pages' Markdown and HTML.

    Markdown goes in as a file MkDocs reads itself (``File.generated(abs_src_path=...)``);
    HTML is parked between conversion and writing and handed back just before the page
    is indexed and written. Files are numbered, so no page path becomes a file name.
    """

    def __init__(self, parent: str) -> None:
        os.makedirs(parent, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix="copkit-pages-", dir=parent))
        # Plain strings, not Paths: pathlib interns every name it parses, which would
        # keep a string per page alive for the rest of the process.
        self._root = str(self.folder)
        self.count = 0
        self.parked: dict[str, str] = {}
        """Page source path -> the file holding its HTML."""

    def _write(self, suffix: str, text: str) -> str:
        self.count += 1
        target = os.path.join(self._root, f"{self.count}{suffix}")
        with open(target, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        return target

    def markdown_file(self, markdown: str) -> str | None:
        """Write ``markdown`` for MkDocs to read; None when reading would not give it back.

        MkDocs reads sources with universal newlines and drops a leading byte order mark,
        so Markdown holding a carriage return or starting with one stays in memory.
        """
        if "\r" in markdown or markdown.startswith("\ufeff"):
            return None
        return self._write(".md", markdown)

    def park(self, src_uri: str, html: str) -> None:
        self.parked[src_uri] = self._write(".html", html)

    def unpark(self, src_uri: str) -> str | None:
        target = self.parked.pop(src_uri, None)
        if target is None:
            return None
        with open(target, encoding="utf-8", newline="") as stream:
            html = stream.read()
        os.unlink(target)
        return html

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


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
    search_bodies = c.Type(int, default=SEARCH_BODIES)
    """Search indexes whole entity pages while the site has at most this many of them;
    above it, only each entity page's title and summary (the part before its first
    subheading)."""


class CopkitPlugin(BasePlugin[CopkitPluginConfig]):  # type: ignore[no-untyped-call]
    """Renders a copkit repository into the MkDocs build."""

    def __init__(self) -> None:
        self.loaded: LoadResult | None = None
        self.history: Any = None
        self.history_missing: str | None = None
        """Why the site was built without git history, if it was (kept after the drop)."""
        self.rendered: Any = None
        self.spill: PageSpill | None = None
        self.search_summary_only = False
        """Index only entity pages' titles and summaries (the site is over search_bodies)."""
        self.full_html: str | None = None
        """The page being built, while search is handed its summary."""
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
        # Checked: nothing is located in the files again. Their text and parsed values
        # go before the history is read, so what comes next reuses the memory.
        repository.release_sources()
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
        self.drop_spill()
        # In the output folder, which is removed after the build: a killed build's pages
        # go with its staging folder (copkit build) or the next clean (mkdocs build).
        spill = self.spill = PageSpill(config.site_dir)
        generated: dict[str, File] = {}

        def add_page(path: str, markdown: str, entity: bool) -> None:
            # Each page becomes a MkDocs file as soon as it is rendered, its Markdown on
            # disk: no copy of all the pages is held beside the repository and history.
            known = generated.get(path)
            if known is not None:
                # The same path again (a tag named "index"): the last Markdown wins (in
                # memory: it is rare), in the first one's place; an entity page anywhere
                # keeps it out of the navigation.
                known.content_string = markdown
                if entity:
                    known.inclusion = InclusionLevel.NOT_IN_NAV
                return
            if files.get_file_from_path(path) is not None:
                log.info("copkit: %s is written by hand; the generated page is skipped", path)
                return
            inclusion = InclusionLevel.NOT_IN_NAV if entity else InclusionLevel.UNDEFINED
            source = spill.markdown_file(markdown)
            if source is None:
                known = File.generated(config, path, content=markdown, inclusion=inclusion)
            else:
                known = File.generated(config, path, abs_src_path=source, inclusion=inclusion)
            generated[path] = known
            files.append(known)

        self.rendered = render_site(
            repository,
            history=self.history,
            health=score(repository, self.history, as_of),
            rules=lint_rules(repository),
            as_of=as_of,
            network=network(repository, self.history) if self.config.network else None,
            sink=add_page,
        )
        self.search_summary_only = len(self.rendered.entity_pages) > self.config.search_bodies
        for path, data in self.rendered.assets.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=data))
        # The pages are MkDocs files now. Let go of the entities, the history and the
        # charts before MkDocs turns every page into HTML: at 100,000 entities they are
        # a gigabyte the rest of the build never reads. Only the titles are still needed
        # (on_page_content).
        self.loaded = None
        self.history = None
        self.rendered.assets.clear()
        gc.collect()
        return files

    def _on_page_content_title(
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

    @event_priority(-100)
    def _park_html(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Last of all plugins: every other one has seen the HTML. It waits on disk until
        # the page is built (_unpark_html) instead of in memory with all the others.
        if self.spill is not None and page.file.generated_by is not None:
            self.spill.park(page.file.src_uri, html)
            return ""
        return html

    on_page_content = CombinedEvent(_on_page_content_title, _park_html)

    @event_priority(100)
    def _unpark_html(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        # First of all plugins: search indexes page.content in its on_page_context.
        if self.spill is not None:
            html = self.spill.unpark(page.file.src_uri)
            if html is not None:
                page.content = html
        self.full_html = None
        if self.search_summary_only and page.file.src_uri in self.rendered.entity_pages:
            html = page.content or ""
            cut = _SUBHEADING.search(html)
            # Pages with data-search attributes of their own are indexed whole: search
            # edits those out of what it is handed, so restoring the page would undo it.
            if cut is not None and "data-search-" not in html:
                self.full_html = html
                page.content = html[: cut.start()]
        return context

    @event_priority(-100)
    def _restore_html(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        # Last of all plugins: search has indexed the summary; the page shows it all.
        if self.full_html is not None:
            page.content, self.full_html = self.full_html, None
        return context

    on_page_context = CombinedEvent(_unpark_html, _restore_html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        # The page is written next; its HTML body and table of contents are not read
        # again (anchors are checked from the ids rendering recorded, search indexed the
        # page in on_page_context, other pages' templates use only their own contents).
        if page.file.generated_by is not None:
            page.content = None
            page.toc = TableOfContents([])
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.drop_spill()

    def on_build_error(self, *, error: Exception) -> None:
        self.drop_spill()

    def on_shutdown(self) -> None:
        self.drop_spill()

    def drop_spill(self) -> None:
        if self.spill is not None:
            self.spill.remove()
            self.spill = None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        for path in self.watched:
            server.watch(str(path))
        return server
