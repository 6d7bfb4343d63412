"""The renderer: a pure function from the resolved repository to the pages of a site.

:func:`render_site` reads nothing from disk but templates and touches no clock: the
same repository, history, health and rules give the same pages, byte for byte. Thin
adapters put the result somewhere: the MkDocs plugin adds the pages to a build, and
``copkit render`` writes them out as plain Markdown for any other site generator.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from copkit.history import Commit, History
from copkit.model import Community, Entity, KnowledgeAsset, Metric, Person, Practice
from copkit.model.practice import PRACTICE_STATUSES
from copkit.model.site_config import SiteConfig
from copkit.render import charts, paths, safe
from copkit.repository import Repository

if TYPE_CHECKING:
    from copkit.network.directory import PersonProfile, SkillPage

NOT_COMPUTED = "health not computed"
UNKNOWN = "unknown"
MAX_CHANGELOG_COMMITS = 500
DIMENSIONS = ("vitality", "knowledge_flow", "leadership", "impact")
ASSET_FILES = ("copkit.css", "catalog.js")

PageSink = Callable[[str, str, bool], None]
"""Receives each page as it is rendered: docs-relative path, Markdown, and whether the page
is kept out of the navigation (entity pages, and a directory's pages after its first)."""


@dataclass(frozen=True)
class Pager:
    """Where one page of a long directory sits among its pages."""

    number: int
    """This page's number, from 1."""
    paths: tuple[str, ...]
    """Every page of the directory, in order (docs-relative)."""
    first: int
    """The number of this page's first row, from 1."""
    last: int
    total: int
    noun: str
    """What the rows are, plural (``people``)."""


@dataclass
class RenderedSite:
    """Pages (docs-relative path -> Markdown), assets (path -> bytes) and page facts."""

    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    """Page path -> its title, escaped for every place a theme prints it."""
    entity_pages: set[str] = field(default_factory=set)
    """Pages of single entities: kept out of the navigation, reached by links and search."""
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)


def template_environment(override: Path | None = None) -> jinja2.Environment:
    """Templates shipped with copkit, with ``override`` (if any) taking precedence.

    Every ``{{ value }}`` is escaped for Markdown unless it is already :class:`Markup`
    (links, sanitised prose built by the helpers), so a template cannot forget it.
    """
    loaders: list[jinja2.BaseLoader] = []
    if override is not None and override.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(override)))
    loaders.append(jinja2.PackageLoader("copkit.render", "templates"))
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["prose"] = safe.prose
    environment.filters["text"] = safe.text
    environment.filters["score"] = score_text
    return environment


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return safe.text(f"{value:g}")
    return safe.text(value)


def _rule_text(rule: type, attribute: str) -> str:
    """A rule's documentation text: rules expose it as classmethods, read from docstrings."""
    value = getattr(rule, attribute, "")
    if callable(value):
        value = value()
    return str(value or "")


def _extension_value(value: object) -> Markup:
    """An organisation field's value for a table cell: links for URLs, lists joined."""
    if isinstance(value, str):
        return safe.link(value, value) if safe.url(value) and " " not in value else safe.cell(value)
    if isinstance(value, bool):
        return Markup("yes" if value else "no")
    if isinstance(value, int | float):
        return safe.cell(f"{value:g}" if isinstance(value, float) else str(value))
    if isinstance(value, list):
        return Markup(", ").join(_extension_value(item) for item in value)
    if isinstance(value, dict):
        return Markup("; ").join(
            Markup("{}: {}").format(safe.cell(key), _extension_value(item))
            for key, item in value.items()
        )
    return safe.cell("" if value is None else value)


def score_text(value: object) -> Markup:
    """A score for reading: ``unknown`` when it is not known, never zero."""
    if value is None or not isinstance(value, int | float):
        return Markup(UNKNOWN)
    return safe.text(f"{value:.1f}".rstrip("0").rstrip("."))


def render_site(
    repository: Repository,
    *,
    history: History | None,
    health: Mapping[str, Any] | None,
    rules: Mapping[str, type] | None,
    config: SiteConfig | None = None,
    as_of: dt.date | None = None,
    templates: Path | None = None,
    network: Mapping[str, Any] | None = None,
    sink: PageSink | None = None,
) -> RenderedSite:
    """Render every page of the site for ``repository``.

    ``history`` gives practice histories, contributors and the changelog; ``health`` is
    the scorer's ``to_dict()`` output (None: health not computed); ``rules`` is the lint
    rule registry (None: no rule pages). ``network`` is the expertise network as
    :func:`copkit.render.inputs.network` gives it (None: no skill pages, gaps or network
    analysis, "network not computed"). ``as_of`` anchors the changelog window
    (default: the newest commit's day). ``templates`` overrides shipped templates; by
    default the folder named by ``config.templates`` under the repository root.

    With a ``sink``, each page's Markdown goes to it as soon as it is rendered and is not
    kept in ``pages`` (at 100,000 entities the pages are hundreds of megabytes); a path
    can reach the sink more than once (a tag named ``index``), the last Markdown wins.
    """
    config = config or repository.config.site
    if templates is None:
        templates = _inside(repository.root, config.templates)
    renderer = _Renderer(repository, history, health, rules, config, as_of, templates, network)
    renderer.sink = sink
    return renderer.render()


def _inside(root: Path, relative: str) -> Path | None:
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root.resolve()):
        return None
    return candidate


def history_date(history: History | None) -> dt.date | None:
    """The day of the newest commit, which anchors dates so builds repeat exactly."""
    if history is None or not history.commits:
        return None
    return max(commit.time for commit in history.commits).date()


class _Renderer:
    def __init__(
        self,
        repository: Repository,
        history: History | None,
        health: Mapping[str, Any] | None,
        rules: Mapping[str, type] | None,
        config: SiteConfig,
        as_of: dt.date | None,
        templates: Path | None,
        network: Mapping[str, Any] | None = None,
    ) -> None:
        self.repo = repository
        self.network = network
        self.skill_pages: dict[str, SkillPage] = {}
        self.profiles: dict[str, PersonProfile] = {}
        if network is not None:
            for page in network.get("skills") or []:
                try:
                    paths.skill(page.skill)
                except paths.UnsafePathError:
                    continue
                self.skill_pages[page.skill] = page
            self.profiles = {p.person: p for p in network.get("people") or []}
        self.history = history
        self.health = health
        self.rules = rules
        self.config = config
        self.as_of = as_of or history_date(history)
        self.env = template_environment(templates)
        self.site = RenderedSite()
        self.sink: PageSink | None = None
        self.page_path = paths.HOME
        self._paths_of_community: dict[str, list[str]] | None = None
        self._gaps_index: (
            tuple[dict[str, list[Mapping[str, Any]]], dict[str, list[Mapping[str, Any]]]] | None
        ) = None
        self.entity_at: dict[str, Entity] = {
            document.path: repository.entities[kind][entity_id]
            for (kind, entity_id), document in repository.documents.items()
        }

    # -- helpers the templates call ---------------------------------------------------

    def link(self, target: str, label: object) -> Markup:
        """A Markdown link from the page being rendered to ``target``."""
        return Markup(f"[{safe.text(label)}]({paths.relative(target, self.page_path)})")

    def person(self, person_id: str | None) -> Markup:
        if person_id is None:
            return Markup("")
        person = self.repo.people.get(person_id)
        if person is None:
            return safe.text(person_id)
        return self.link(paths.person(person.id), person.name)

    def people(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.person(person_id) for person_id in ids)

    def community(self, community_id: str | None) -> Markup:
        if community_id is None:
            return Markup("")
        community = self.repo.communities.get(community_id)
        if community is None:
            return safe.text(community_id)
        return self.link(paths.community(community.id), community.name)

    def practice(self, practice_id: str | None) -> Markup:
        if practice_id is None:
            return Markup("")
        practice = self.repo.practices.get(practice_id)
        if practice is None:
            return safe.text(practice_id)
        return self.link(paths.practice(practice.id), practice.title)

    def tag(self, tag_id: str) -> Markup:
        label = self.repo.tags.get(tag_id, tag_id)
        if not self.has_tag_page(tag_id):
            return safe.text(label)
        return self.link(paths.tag(tag_id), label)

    def has_tag_page(self, tag_id: str) -> bool:
        """Tags get pages when declared, or when the repository has no vocabulary at all.

        An undeclared tag in a repository with a Taxonomy is an error (COP108): shown as
        text, without a page, so one hostile file with 10,000 made-up tags cannot make
        a (non-strict) build write 10,000 pages.
        """
        return not self.repo.taxonomies or tag_id in self.repo.tags

    def tags(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.tag(tag_id) for tag_id in ids)

    def skill(self, skill_id: str) -> Markup:
        """A skill's label, linked to its "who to ask" page when it has one."""
        label = self.repo.skills.get(skill_id, skill_id)
        if skill_id in self.skill_pages:
            return self.link(paths.skill(skill_id), label)
        return safe.text(label)

    def skills(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.skill(skill_id) for skill_id in ids)

    def topics(self, skills: Iterable[str], tags: Iterable[str]) -> Markup:
        """Skill and tag labels as text, each label once (a skill and a tag may share one)."""
        labels = [self.repo.skills.get(s, s) for s in skills]
        labels += [self.repo.tags.get(t, t) for t in tags]
        return safe.text(", ".join(dict.fromkeys(labels)))

    def practices(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.practice(practice_id) for practice_id in ids)

    def communities(self, ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.community(community_id) for community_id in ids)

    def entity(self, entity: Entity) -> Markup:
        if isinstance(entity, Practice):
            return self.practice(entity.id)
        if isinstance(entity, Community):
            return self.community(entity.id)
        if isinstance(entity, Person):
            return self.person(entity.id)
        if isinstance(entity, KnowledgeAsset):
            return self.link(paths.asset(entity.id), entity.title)
        name = getattr(entity, "title", None) or getattr(entity, "name", None) or entity.id
        return safe.text(f"{entity.kind_name} {name}")

    def author(self, commit: Commit) -> Markup:
        if commit.person is not None and commit.person in self.repo.people:
            return self.person(commit.person)
        return safe.text(commit.author_name or "unknown author")

    def image(self, target: str, alt: str) -> Markup:
        return Markup(f"![{safe.text(alt)}]({paths.relative(target, self.page_path)})")

    def url(self, label: object, href: str | None) -> Markup:
        return safe.link(label, href)

    def code(self, source: str) -> Markup:
        """Literal text in a code block (raw HTML, so nothing in it is read as Markdown)."""
        escaped = safe.attribute_free(source)
        return Markup(f'\n<div class="copkit-code"><pre><code>{escaped}</code></pre></div>\n')

    def more(self, count: int, skill_id: str) -> Markup:
        """``and N more``, linked to the skill's page, after a shortened list of people."""
        if count <= 0:
            return Markup("")
        return Markup(" ") + self.link(paths.skill(skill_id), f"and {count:,} more")

    def pager(self, pager: Pager | None) -> Markup:
        """A long directory's page links (empty for a directory of one page)."""
        if pager is None:
            return Markup("")
        links = [
            Markup(f"**{number}**") if number == pager.number else self.link(path, number)
            for number, path in enumerate(pager.paths, 1)
        ]
        where = safe.text(
            f"Page {pager.number} of {len(pager.paths)}: {pager.noun} "
            f"{pager.first:,}-{pager.last:,} of {pager.total:,}."
        )
        return Markup("{} Pages: {}").format(where, Markup(" · ").join(links))

    def date(self, moment: dt.datetime | dt.date | None) -> Markup:
        if moment is None:
            return Markup("")
        day = moment.date() if isinstance(moment, dt.datetime) else moment
        return Markup(day.isoformat())

    # -- pages ------------------------------------------------------------------------

    def emit(
        self,
        template: str,
        path: str,
        title: str,
        *,
        entity: bool = False,
        in_nav: bool = True,
        **context: Any,
    ) -> None:
        self.page_path = path
        page = self.env.get_template(template).render(
            r=self, page_path=path, title=title, site=self.config, **context
        )
        self.site.titles[path] = safe.title(title)
        if entity:
            self.site.entity_pages.add(path)
        if self.sink is None:
            self.site.pages[path] = page
        else:
            self.sink(path, page, entity or not in_nav)

    def emit_directory(
        self,
        template: str,
        path: str,
        title: str,
        *,
        rows: str,
        items: list[Any],
        noun: str,
        **context: Any,
    ) -> None:
        """A directory of ``items`` (passed to the template as ``rows``) on pages of at
        most ``directory_page_size`` items: the first at ``path``, the others numbered
        after it and out of the navigation. Each page gets ``total`` and its ``pager``
        (None when one page holds them all)."""
        size = self.config.directory_page_size
        chunks = [items[start : start + size] for start in range(0, len(items), size)] or [[]]
        pages = (path, *(paths.continuation(path, n) for n in range(2, len(chunks) + 1)))
        for number, (page_path, chunk) in enumerate(zip(pages, chunks, strict=True), 1):
            pager = None
            if len(chunks) > 1:
                first = (number - 1) * size + 1
                pager = Pager(number, pages, first, first + len(chunk) - 1, len(items), noun)
            page_context: dict[str, Any] = {rows: chunk, "pager": pager, "total": len(items)}
            self.emit(
                template,
                page_path,
                title if number == 1 else f"{title} (page {number} of {len(chunks)})",
                in_nav=number == 1,
                **page_context,
                **context,
            )

    def extensions(self, entity: Entity) -> list[tuple[Markup, Markup]]:
        """The organisation's own fields of ``entity`` as table rows: label, value (escaped)."""
        return [
            (safe.cell(label), _extension_value(value))
            for _name, label, value in self.repo.extension_values(entity)
        ]

    def render(self) -> RenderedSite:
        for name in ASSET_FILES:
            data = importlib.resources.files("copkit.render").joinpath("assets", name)
            self.site.assets[f"{paths.ASSET_DIR}/{name}"] = data.read_bytes()
        self.site.stylesheets.append(f"{paths.ASSET_DIR}/copkit.css")
        self.site.scripts.append(f"{paths.ASSET_DIR}/catalog.js")
        self.metric_charts = charts.MetricCharts()
        self.practice_links = _PracticeLinks(self.repo)
        self.render_home()
        for community in self.repo.communities.values():
            self.render_community(community)
        self.render_catalog()
        for practice in self.repo.practices.values():
            self.render_practice(practice)
        self.render_people()
        self.render_skills()
        self.render_network()
        for asset in self.repo.assets.values():
            self.emit("asset.md.j2", paths.asset(asset.id), asset.title, entity=True, asset=asset)
        self.render_knowledge()
        self.render_tags()
        self.render_radar()
        self.render_changelog()
        self.render_rules()
        return self.site

    def community_health(self, community_id: str) -> Mapping[str, Any] | None:
        if self.health is None:
            return None
        communities = self.health.get("communities") or {}
        result = communities.get(community_id)
        return result if isinstance(result, Mapping) else None

    def render_home(self) -> None:
        communities = sorted(self.repo.communities.values(), key=lambda c: (c.name.lower(), c.id))
        rows = [
            {
                "community": community,
                "health": self.community_health(community.id),
                "members": len({m.person for m in community.members}),
                "practices": len(self.repo.practices_of.get(community.id, [])),
            }
            for community in communities
        ]
        self.emit(
            "home.md.j2",
            paths.HOME,
            self.config.title,
            rows=rows,
            health=self.health,
            practices=len(self.repo.practices),
            people=len(self.repo.people),
        )

    def render_community(self, community: Community) -> None:
        health = self.community_health(community.id)
        trend_chart = None
        if health is not None:
            trend_chart = self.trend_chart(community.id, health)
        metrics = []
        for metric in sorted(self.repo.metrics_of.get(community.id, []), key=lambda m: m.id):
            metrics.append({"metric": metric, "chart": self.metric_chart(metric)})
        members: dict[str, list[str]] = {"core": [], "active": [], "peripheral": []}
        for member in community.members:
            members[member.level].append(member.person)
        practices = sorted(
            self.repo.practices_of.get(community.id, []),
            key=lambda p: (PRACTICE_STATUSES.index(p.status), p.title.lower(), p.id),
        )
        events = sorted(
            self.repo.events_of.get(community.id, []), key=lambda e: (e.date, e.id), reverse=True
        )
        assets = sorted(
            self.repo.assets_of.get(community.id, []), key=lambda a: (a.date, a.id), reverse=True
        )
        self.emit(
            "community.md.j2",
            paths.community(community.id),
            community.name,
            entity=True,
            community=community,
            charter=self.repo.charter_of.get(community.id),
            members=members,
            practices=practices,
            metrics=metrics,
            events=events,
            assets=assets,
            health=health,
            health_reason=self.health_reason(),
            trend_chart=trend_chart,
            contributors_page=paths.contributors(community.id),
            gaps=self.community_gaps(community.id),
        )
        self.render_contributors(community)

    def community_gaps(self, community_id: str) -> dict[str, Any] | None:
        """The community's gaps and single-holder skills it needs (None: not computed)."""
        if self.network is None:
            return None
        report = self.network.get("gaps") or {}
        if self._gaps_index is None:
            # Indexed once: scanning the whole report for each community is quadratic.
            gaps_of: dict[str, list[Mapping[str, Any]]] = {}
            for item in report.get("communities") or []:
                gaps_of[str(item.get("community"))] = list(item.get("gaps") or [])
            at_risk_of: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
            for item in report.get("single_holders") or []:
                for needer in dict.fromkeys(item.get("needed_by") or []):
                    at_risk_of[str(needer)].append(item)
            self._gaps_index = (gaps_of, at_risk_of)
        gaps_of, at_risk_of = self._gaps_index
        return {
            "min_holders": report.get("min_holders"),
            "gaps": gaps_of.get(community_id, []),
            "at_risk": list(at_risk_of.get(community_id, [])),
        }

    def health_reason(self) -> str | None:
        if self.health is None:
            return NOT_COMPUTED
        history = self.health.get("history") or {}
        if isinstance(history, Mapping) and not history.get("available", True):
            return f"history unavailable: {history.get('reason') or 'unknown reason'}"
        return None

    def metric_chart(self, metric: Metric) -> str | None:
        observations = sorted((o.date, o.value) for o in metric.observations)
        if not observations:
            return None
        path = paths.chart("metric", metric.id)
        svg = self.metric_charts.draw(observations, target=metric.target, unit=metric.unit)
        self.site.assets[path] = svg.encode("utf-8")
        return path

    def trend_chart(self, community_id: str, health: Mapping[str, Any]) -> str | None:
        trend = [point for point in health.get("trend") or [] if isinstance(point, Mapping)]
        trend = sorted(trend, key=lambda point: str(point.get("month")))[-12:]
        if not trend:
            return None
        months = [str(point.get("month")) for point in trend]
        series: dict[str, list[float | None]] = {"overall": [_num(p.get("overall")) for p in trend]}
        for name in DIMENSIONS:
            values = [_num((p.get("dimensions") or {}).get(name)) for p in trend]
            if any(value is not None for value in values):
                series[name.replace("_", " ")] = values
        path = paths.chart("health", community_id)
        self.site.assets[path] = charts.trend_chart(months, series).encode("utf-8")
        return path

    def render_contributors(self, community: Community) -> None:
        stats: dict[str, dict[str, Any]] = {}
        by_path = self.commits_by_path()
        for path in self.paths_of_community().get(community.id, []):
            commits = by_path[path]
            entity = self.entity_at.get(path)
            for commit in commits:
                key = commit.person or f"~{commit.author_name}"
                entry = stats.setdefault(
                    key,
                    {"commit": commit, "shas": set(), "first": commit.time, "last": commit.time,
                     "practices": set()},
                )  # fmt: skip
                entry["shas"].add(commit.sha)
                entry["first"] = min(entry["first"], commit.time)
                if commit.time >= entry["last"]:
                    entry["last"] = commit.time
                    entry["commit"] = commit
                if isinstance(entity, Practice):
                    entry["practices"].add(entity.id)
        contributors = sorted(
            stats.values(),
            key=lambda e: (-len(e["shas"]), e["commit"].author_name, str(e["first"])),
        )
        owned: dict[str, list[str]] = defaultdict(list)
        for practice in self.repo.practices_of.get(community.id, []):
            for owner in practice.owners:
                owned[owner].append(practice.id)
        authored: dict[str, list[KnowledgeAsset]] = defaultdict(list)
        for asset in self.repo.assets_of.get(community.id, []):
            for author in asset.authors:
                authored[author].append(asset)
        hosted: Counter[str] = Counter()
        for event in self.repo.events_of.get(community.id, []):
            hosted.update(event.hosts)
        sharers = sorted(set(owned) | set(authored) | set(hosted))
        self.emit(
            "contributors.md.j2",
            paths.contributors(community.id),
            f"Contributors: {community.name}",
            entity=True,
            community=community,
            contributors=contributors,
            history=self.history,
            sharers=sharers,
            owned=owned,
            authored=authored,
            hosted=hosted,
        )

    def paths_of_community(self) -> dict[str, list[str]]:
        """Community id -> the paths with history that belong to it, grouped once (not
        once per community: that made the contributors pages quadratic in size)."""
        if self._paths_of_community is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for path in self.commits_by_path():
                community_id = self.repo.community_of_path.get(path)
                if community_id is not None:
                    grouped[community_id].append(path)
            self._paths_of_community = grouped
        return self._paths_of_community

    def commits_by_path(self) -> dict[str, list[Commit]]:
        if self.history is None or not self.history.available:
            return {}
        return self.history.commits_by_path

    def render_catalog(self) -> None:
        practices = sorted(self.repo.practices.values(), key=lambda p: (p.title.lower(), p.id))
        statuses = [s for s in PRACTICE_STATUSES if any(p.status == s for p in practices)]
        tags = sorted({tag for p in practices for tag in p.tags})
        self.emit_directory(
            "catalog.md.j2",
            paths.PRACTICES,
            "Practices",
            rows="practices",
            items=practices,
            noun="practices",
            statuses=statuses,
            tags=tags,
        )

    def render_practice(self, practice: Practice) -> None:
        path = self.repo.path_of(practice)
        commits = list(reversed(self.commits_by_path().get(path, [])))
        index = self.practice_links
        supersedes = sorted(set(practice.supersedes) | index.replaces.get(practice.id, set()))
        replaced_by = practice.superseded_by or min(
            index.replaced_by.get(practice.id, set()), default=None
        )
        assets = sorted(index.assets.get(practice.id, []), key=lambda a: a.id)
        self.emit(
            "practice.md.j2",
            paths.practice(practice.id),
            practice.title,
            entity=True,
            practice=practice,
            source=path,
            commits=commits[: self.config.history_entries],
            more_commits=max(0, len(commits) - self.config.history_entries),
            history=self.history,
            supersedes=supersedes,
            replaced_by=replaced_by,
            assets=assets,
        )

    def render_people(self) -> None:
        people = sorted(self.repo.people.values(), key=lambda p: (p.name.lower(), p.id))
        for person in people:
            self.emit(
                "person.md.j2",
                paths.person(person.id),
                person.name,
                entity=True,
                person=person,
                communities=self.repo.memberships_of.get(person.id, []),
                practices=sorted(self.practice_links.owned.get(person.id, []), key=lambda p: p.id),
                profile=self.profiles.get(person.id),
            )
        self.emit_directory(
            "people.md.j2",
            paths.PEOPLE,
            "People",
            rows="people",
            items=people,
            noun="people",
            expertise=paths.EXPERTISE,
            memberships=self.repo.memberships_of,
            profiles=self.profiles,
            skills_index=paths.SKILLS,
        )
        experts: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        mentors: dict[str, list[str]] = defaultdict(list)
        learners: dict[str, list[str]] = defaultdict(list)
        levels = {"expert": 0, "proficient": 1, "working": 2, "novice": 3}
        for person in people:
            for skill in person.skills:
                experts[skill.skill].append((levels[skill.level], person.id, skill.level))
            for skill_id in person.mentors:
                mentors[skill_id].append(person.id)
            for skill_id in person.learning:
                learners[skill_id].append(person.id)
        skills = sorted(set(experts) | set(mentors) | set(learners))
        # A skill with a page of its own names the first few people in each cell here and
        # counts the rest: at 100,000 entities one row would name thousands of people.
        limit = self.config.expertise_names
        more: dict[str, tuple[int, ...]] = {}
        ranked = {k: sorted(v) for k, v in experts.items()}
        for skill_id in skills:
            if skill_id not in self.skill_pages:
                continue
            named = ranked.get(skill_id, [])
            cells = (named, mentors.get(skill_id, []), learners.get(skill_id, []))
            if any(len(cell) > limit for cell in cells):
                more[skill_id] = tuple(max(0, len(cell) - limit) for cell in cells)
                ranked[skill_id] = named[:limit]
                mentors[skill_id] = mentors[skill_id][:limit]
                learners[skill_id] = learners[skill_id][:limit]
        self.emit(
            "expertise.md.j2",
            paths.EXPERTISE,
            "Expertise",
            skills=skills,
            experts=ranked,
            mentors=mentors,
            learners=learners,
            more=more,
            skills_index=paths.SKILLS,
        )

    def render_skills(self) -> None:
        """One "who to ask" page per skill (only with the network), and their index."""
        if self.network is None:
            self.emit("skills.md.j2", paths.SKILLS, "Who to ask", skills=[], computed=False)
            return
        pages = sorted(self.skill_pages.values(), key=lambda p: (p.label.lower(), p.skill))
        mentoring: dict[str, list[str]] = defaultdict(list)
        for person_id, profile in sorted(self.profiles.items()):
            for skill_id in profile.mentors:
                mentoring[skill_id].append(person_id)
        for page in pages:
            self.emit(
                "skill.md.j2",
                paths.skill(page.skill),
                f"Who to ask: {page.label}",
                entity=True,
                skill=page,
                mentors=mentoring.get(page.skill, []),
                index=paths.SKILLS,
            )
        self.emit("skills.md.j2", paths.SKILLS, "Who to ask", skills=pages, computed=True)

    def render_network(self) -> None:
        report = None if self.network is None else self.network.get("report")
        history = {} if self.network is None else self.network.get("history") or {}
        self.emit(
            "network.md.j2",
            paths.NETWORK,
            "Network",
            report=report,
            history=history,
            skills_index=paths.SKILLS,
        )

    def render_knowledge(self) -> None:
        assets = sorted(self.repo.assets.values(), key=lambda a: (a.date, a.id), reverse=True)
        self.emit("knowledge.md.j2", paths.KNOWLEDGE, "Knowledge", assets=assets)

    def render_tags(self) -> None:
        tagged: dict[str, dict[str, list[Entity]]] = defaultdict(lambda: defaultdict(list))
        for practice in self.repo.practices.values():
            for tag_id in practice.tags:
                tagged[tag_id]["Practices"].append(practice)
        for community in self.repo.communities.values():
            for tag_id in community.domain:
                tagged[tag_id]["Communities"].append(community)
        for asset in self.repo.assets.values():
            for tag_id in asset.tags:
                tagged[tag_id]["Knowledge"].append(asset)
        for person in self.repo.people.values():
            for tag_id in person.interests:
                tagged[tag_id]["People interested"].append(person)
        all_tags = sorted(t for t in set(tagged) | set(self.repo.tags) if self.has_tag_page(t))
        for tag_id in all_tags:
            groups = {name: tagged[tag_id][name] for name in sorted(tagged[tag_id])}
            self.emit(
                "tag.md.j2",
                paths.tag(tag_id),
                f"Tag: {self.repo.tags.get(tag_id, tag_id)}",
                entity=True,
                tag_id=tag_id,
                label=self.repo.tags.get(tag_id, tag_id),
                groups=groups,
            )
        counts = {tag_id: sum(len(v) for v in tagged[tag_id].values()) for tag_id in all_tags}
        self.emit("tags.md.j2", paths.TAGS, "Tags", tags=all_tags, counts=counts)

    def render_radar(self) -> None:
        radar = self.config.radar
        ring_of = {
            status: index for index, ring in enumerate(radar.rings) for status in ring.statuses
        }
        practices = sorted(
            (p for p in self.repo.practices.values() if p.status in ring_of),
            key=lambda p: (p.title.lower(), p.id),
        )
        sector_keys = self.radar_sectors(practices)
        sector_index = {key: index for index, (key, _) in enumerate(sector_keys)}
        other = len(sector_keys)
        placed: list[tuple[int, Practice, int, int]] = []
        for practice in practices:
            keys = [practice.community] if radar.sectors == "community" else practice.tags
            index = next((sector_index[k] for k in keys if k in sector_index), other)
            placed.append((0, practice, ring_of[practice.status], index))
        names = [name for _, name in sector_keys]
        if any(index == other for *_, index in placed):
            names.append("other")
        placed.sort(key=lambda item: (item[3], item[2], item[1].title.lower(), item[1].id))
        numbered = [(n, p, ring, sector) for n, (_, p, ring, sector) in enumerate(placed, 1)]
        chart = None
        if numbered:
            points = [charts.RadarPoint(n, ring, sector) for n, _, ring, sector in numbered]
            chart = f"{paths.CHART_DIR}/radar.svg"
            svg = charts.radar_chart([ring.name for ring in radar.rings], names, points)
            self.site.assets[chart] = svg.encode("utf-8")
        self.emit_directory(
            "radar.md.j2",
            paths.RADAR,
            "Radar",
            rows="numbered",
            items=numbered,
            noun="practices",
            chart=chart,
            rings=radar.rings,
            sectors=names,
            by=radar.sectors,
        )

    def radar_sectors(self, practices: list[Practice]) -> list[tuple[str, str]]:
        radar = self.config.radar
        if radar.sectors == "community":
            used = Counter(p.community for p in practices)
            ordered = sorted(
                used,
                key=lambda c: (
                    self.repo.communities[c].name.lower() if c in self.repo.communities else c,
                    c,
                ),
            )
            keys = ordered[: radar.max_sectors]
            return [
                (key, self.repo.communities[key].name if key in self.repo.communities else key)
                for key in keys
            ]
        if radar.sector_tags:
            keys = list(dict.fromkeys(radar.sector_tags))[: radar.max_sectors]
        else:
            counts = Counter(tag for p in practices for tag in p.tags)
            keys = [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
            keys = sorted(keys[: radar.max_sectors])
        return [(key, self.repo.tags.get(key, key)) for key in keys]

    def render_changelog(self) -> None:
        commits: list[Commit] = []
        since = None
        if self.history is not None and self.history.available and self.as_of is not None:
            since = self.as_of - dt.timedelta(days=self.config.changelog_days)
            commits = [c for c in self.history.commits if c.time.date() > since]
            commits.sort(key=lambda c: (c.time, c.sha), reverse=True)
        entries = []
        for commit in commits[:MAX_CHANGELOG_COMMITS]:
            changed = []
            for change in commit.changes:
                entity = self.entity_at.get(change.path)
                changed.append((change.status, entity, change.path))
            entries.append({"commit": commit, "changed": changed})
        self.emit(
            "changelog.md.j2",
            paths.CHANGELOG,
            "Changelog",
            entries=entries,
            since=since,
            as_of=self.as_of,
            days=self.config.changelog_days,
            truncated=max(0, len(commits) - MAX_CHANGELOG_COMMITS),
            history=self.history,
        )

    def render_rules(self) -> None:
        rules: list[dict[str, Any]] = []
        for code in sorted(self.rules or {}):
            assert self.rules is not None
            rule = self.rules[code]
            options = []
            model = getattr(rule, "Options", None)
            for name, info in (getattr(model, "model_fields", None) or {}).items():
                default = (
                    None if info.is_required() else info.get_default(call_default_factory=True)
                )
                options.append(
                    {"name": name, "type": _type_name(info.annotation), "default": default,
                     "description": info.description or ""}
                )  # fmt: skip
            entry: dict[str, Any] = {
                "code": str(getattr(rule, "code", code)),
                "name": str(getattr(rule, "name", code)),
                "severity": str(getattr(rule, "default_severity", "")),
                "summary": _rule_text(rule, "summary"),
                "rationale": _rule_text(rule, "rationale"),
                "fix": _rule_text(rule, "fix"),
                "examples": _examples(getattr(rule, "examples", None)),
                "options": options,
            }
            try:
                path = paths.rule(entry["code"])
            except paths.UnsafePathError:
                continue
            entry["path"] = path
            rules.append(entry)
            self.emit(
                "rule.md.j2", path, f"{entry['code']}: {entry['name']}", entity=True, rule=entry
            )
        self.emit(
            "rules.md.j2", paths.RULES, "Lint rules", rules=rules, available=self.rules is not None
        )


class _PracticeLinks:
    """Reverse links between practices, assets and owners, built once (not per page)."""

    def __init__(self, repository: Repository) -> None:
        self.replaces: dict[str, set[str]] = defaultdict(set)
        self.replaced_by: dict[str, set[str]] = defaultdict(set)
        self.assets: dict[str, list[KnowledgeAsset]] = defaultdict(list)
        self.owned: dict[str, list[Practice]] = defaultdict(list)
        for practice in repository.practices.values():
            if practice.superseded_by is not None:
                self.replaces[practice.superseded_by].add(practice.id)
            for old in practice.supersedes:
                self.replaced_by[old].add(practice.id)
            for owner in practice.owners:
                self.owned[owner].append(practice)
        for asset in repository.assets.values():
            for practice_id in asset.practices:
                self.assets[practice_id].append(asset)


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _type_name(annotation: object) -> str:
    name = getattr(annotation, "__name__", None)
    return name if isinstance(name, str) else str(annotation).replace("typing.", "")


def _examples(value: object) -> list[tuple[str, str]]:
    """Rule examples as (caption, code) pairs, from a string, a list or a mapping."""
    if value is None:
        return []
    if isinstance(value, str):
        return [("", value)]
    if isinstance(value, Mapping):
        return [(str(k), str(v)) for k, v in value.items()]
    result: list[tuple[str, str]] = []
    if isinstance(value, Iterable):
        for item in value:
            if isinstance(item, Mapping):
                caption = str(item.get("title") or item.get("name") or item.get("kind") or "")
                code = item.get("yaml") or item.get("code") or item.get("text") or item.get("body")
                result.append((caption, str(code if code is not None else dict(item))))
            elif isinstance(item, tuple) and len(item) == 2:
                result.append((str(item[0]), str(item[1])))
            else:
                result.append(("", str(item)))
    return result
