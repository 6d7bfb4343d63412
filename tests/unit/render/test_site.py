"""The pure renderer: pages, links, history, health, radar, rules and overrides."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel, Field

from copkit.history import History, email_index, read_history
from copkit.loader import load_repository
from copkit.model.site_config import RadarConfig, RadarRing, SiteConfig
from copkit.render import render_site
from copkit.repository import Repository
from tests.sitefixture import build_fixture_repo


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repository, History]:
    root = build_fixture_repo(tmp_path_factory.mktemp("site") / "repo")
    result = load_repository(root)
    assert result.ok, result.findings.sorted()
    repository = result.repository
    history = read_history(repository.root, repository.data_dir, email_index(repository.people))
    return repository, history


def plain(markdown: str) -> str:
    """Page text with character references decoded, for reading assertions."""
    return html.unescape(markdown)


def health_report(overall: float | None = 72.5) -> dict[str, Any]:
    """A scorer report in the agreed ``to_dict()`` shape."""
    measure = {
        "id": "participation",
        "name": "Active participation",
        "score": None,
        "value": None,
        "explanation": "share of members who committed in 90 days",
        "unknown_reason": "history is shallow",
    }
    return {
        "as_of": "2026-03-01",
        "history": {"available": True, "shallow": False, "reason": None},
        "communities": {
            "mle": {
                "community": "mle",
                "name": "ML Engineering",
                "stage": "active",
                "overall": overall,
                "dimensions": {
                    "vitality": {
                        "name": "Vitality",
                        "score": 64.0,
                        "weight": 0.25,
                        "explanation": "most members took part",
                        "measures": [measure],
                    },
                    "impact": {
                        "name": "Impact",
                        "score": None,
                        "weight": 0.25,
                        "explanation": "no metric has a target",
                        "measures": [],
                    },
                },
                "trend": [
                    {"month": f"2025-{m:02d}", "overall": 50.0 + m, "dimensions": {}}
                    for m in range(4, 13)
                ]
                + [{"month": "2026-01", "overall": None, "dimensions": {"vitality": 60.0}}],
                "notes": ["history covers only 3 months"],
            }
        },
    }


def render(loaded: tuple[Repository, History], **options: Any) -> Any:
    repository, history = loaded
    options.setdefault("history", history)
    options.setdefault("health", None)
    options.setdefault("rules", None)
    return render_site(repository, **options)


def test_every_kind_of_page_is_rendered_and_entity_pages_stay_out_of_the_nav(
    loaded: tuple[Repository, History],
) -> None:
    site = render(loaded)
    for path in [
        "index.md",
        "communities/mle/index.md",
        "communities/mle/contributors.md",
        "practices/index.md",
        "practices/pin-data.md",
        "people/index.md",
        "people/expertise.md",
        "people/ada.md",
        "knowledge/outage-story.md",
        "tags/mlops.md",
        "tags/index.md",
        "radar.md",
        "changelog.md",
        "rules/index.md",
    ]:
        assert path in site.pages, path
    assert "practices/pin-data.md" in site.entity_pages
    assert "communities/mle/index.md" in site.entity_pages
    assert "practices/index.md" not in site.entity_pages
    assert "index.md" not in site.entity_pages


def test_home_lists_each_community_with_its_stage_and_says_health_is_not_computed(
    loaded: tuple[Repository, History],
) -> None:
    home = plain(render(loaded).pages["index.md"])
    assert "| [AI Ethics](communities/ethics/index.md) | coalescing | not computed |" in home
    assert "| [ML Engineering](communities/mle/index.md) | active | not computed | 3 | 3 |" in home
    assert "health not computed" in home


def test_health_is_shown_with_explanations_and_unknown_never_as_zero(
    loaded: tuple[Repository, History],
) -> None:
    site = render(loaded, health=health_report())
    home = plain(site.pages["index.md"])
    assert "| [ML Engineering](communities/mle/index.md) | active | 72.5 |" in home
    assert "| [AI Ethics](communities/ethics/index.md) | coalescing | unknown |" in home
    page = plain(site.pages["communities/mle/index.md"])
    assert "**Health: 72.5**" in page
    assert "| Vitality | 64 | 0.25 | most members took part |" in page
    assert "| Impact | unknown | 0.25 | no metric has a target |" in page
    assert "(unknown: history is shallow)" in page
    assert "- history covers only 3 months" in page
    assert "assets/copkit/charts/health-mle.svg" in site.assets
    unknown = plain(render(loaded, health=health_report(None)).pages["index.md"])
    assert "| active | unknown |" in unknown


def test_practice_page_shows_its_git_history_newest_first_with_people_linked(
    loaded: tuple[Repository, History],
) -> None:
    page = plain(render(loaded).pages["practices/pin-data.md"])
    history = page[page.index("## History") :]
    rows = [line for line in history.splitlines() if line.startswith("| 2026")]
    assert len(rows) == 2
    assert rows[0].startswith("| 2026-03-01 | Olly Outside |")
    assert rows[1].startswith("| 2026-01-05 | [Ada Lovelace](../people/ada.md) |")
    assert "| Approved by | On | Note |" in page
    assert "| [Bob Byte](../people/bob.md) | 2026-02-20 |" in page
    assert "<strong>dataset hash</strong>" in page
    assert "| Supersedes | [Copy data by hand](copy-data.md) |" in page


def test_deprecated_practice_names_what_supersedes_it(loaded: tuple[Repository, History]) -> None:
    page = plain(render(loaded).pages["practices/copy-data.md"])
    assert "| Superseded by | [Pin training data](pin-data.md) |" in page


def test_contributors_page_credits_commit_authors_and_what_they_shared(
    loaded: tuple[Repository, History],
) -> None:
    page = plain(render(loaded).pages["communities/mle/contributors.md"])
    assert "| [Ada Lovelace](../../people/ada.md) | 1 | 2026-01-05 | 2026-01-05 |" in page
    assert (
        "| [Bob Byte](../../people/bob.md) | 1 | 2026-02-10 | 2026-02-10 | "
        "[Copy data by hand](../../practices/copy-data.md), "
        "[Review models before release](../../practices/review-models.md) |"
    ) in page
    assert "| Olly Outside | 1 | 2026-03-01 | 2026-03-01 |" in page
    assert "olly@elsewhere.invalid" not in page  # addresses stay private
    assert (
        "| [Ada Lovelace](../../people/ada.md) | [Pin training data](../../practices/pin-data.md)"
        " | [The day the data moved](../../knowledge/outage-story.md) | 1 |"
    ) in page


def test_changelog_covers_the_configured_window_counted_from_the_newest_commit(
    loaded: tuple[Repository, History],
) -> None:
    wide = plain(render(loaded).pages["changelog.md"])  # 60 days from copkit.yaml
    assert "**2026-01-05**" in wide
    assert "60 days up to 2026-03-01" in wide
    narrow = plain(render(loaded, config=SiteConfig(changelog_days=30)).pages["changelog.md"])
    assert "**2026-03-01** Olly Outside:" in narrow
    assert "**2026-02-10** [Bob Byte](people/bob.md):" in narrow
    assert "**2026-01-05**" not in narrow


def test_radar_rings_and_sectors_come_from_the_config(loaded: tuple[Repository, History]) -> None:
    default = plain(render(loaded).pages["radar.md"])
    assert "| [Pin training data](practices/pin-data.md) | Adopt | ML Engineering |" in default
    assert "| [Run the ethics checklist](practices/ethics-checklist.md) | Assess | AI Ethics |" in (
        default
    )
    custom = SiteConfig(
        radar=RadarConfig(
            rings=[RadarRing(name="Use", statuses=["adopted", "trial"])], sectors="tag"
        )
    )
    site = render(loaded, config=custom)
    radar = plain(site.pages["radar.md"])
    assert "| [Pin training data](practices/pin-data.md) | Use | MLOps |" in radar
    assert "| [Review models before release](practices/review-models.md) | Use | Testing |" in radar
    assert "ethics-checklist" not in radar  # proposed is in no ring now
    assert site.assets["assets/copkit/charts/radar.svg"].startswith(b"<?xml")


def test_metric_chart_is_a_static_svg_asset_linked_from_the_community_page(
    loaded: tuple[Repository, History],
) -> None:
    site = render(loaded)
    svg = site.assets["assets/copkit/charts/metric-lead-time.svg"].decode()
    assert svg.startswith("<?xml")
    assert "<script" not in svg
    assert (
        "](../../assets/copkit/charts/metric-lead-time.svg)"
        in site.pages["communities/mle/index.md"]
    )


def test_rendering_twice_gives_identical_pages_and_assets(
    loaded: tuple[Repository, History],
) -> None:
    first, second = render(loaded, health=health_report()), render(loaded, health=health_report())
    assert first.pages == second.pages
    assert first.assets == second.assets


def test_a_sink_receives_every_page_in_order_and_the_site_keeps_none_of_them(
    loaded: tuple[Repository, History],
) -> None:
    kept = render(loaded, health=health_report())
    received: list[tuple[str, str, bool]] = []
    sunk = render(
        loaded,
        health=health_report(),
        sink=lambda path, markdown, entity: received.append((path, markdown, entity)),
    )
    assert sunk.pages == {}
    assert [(path, markdown) for path, markdown, _ in received] == list(kept.pages.items())
    assert {path for path, _, entity in received if entity} == kept.entity_pages
    assert sunk.titles == kept.titles
    assert sunk.assets == kept.assets


class _Options(BaseModel):
    min_approvals: int = Field(default=2, description="Approvals an adopted practice needs.")


class _FakeRule:
    code: ClassVar[str] = "COP201"
    name: ClassVar[str] = "review-approvals"
    default_severity: ClassVar[str] = "error"
    summary: ClassVar[str] = "Adopted practices carry approvals | by non-owners."
    rationale: ClassVar[str] = "Review *spreads* knowledge."
    fix: ClassVar[str] = "Ask a member to approve."
    examples: ClassVar[list[str]] = ["approvals: []  # {: onclick=x }"]
    Options = _Options


def test_a_page_is_generated_per_lint_rule_from_the_registry(
    loaded: tuple[Repository, History],
) -> None:
    site = render(loaded, rules={"COP201": _FakeRule})
    page = site.pages["rules/cop201.md"]
    text = plain(page)
    assert "# COP201: review-approvals" in text
    assert "| min_approvals | int | 2 | Approvals an adopted practice needs. |" in text
    assert "<em>spreads</em>" in page
    assert "&#124;" in page  # the summary's pipe cannot split the index table
    assert "{" not in page.split("## Examples")[1]
    assert "| [COP201](cop201.md) | review-approvals | error |" in plain(
        site.pages["rules/index.md"]
    )
    assert "not installed" in render(loaded).pages["rules/index.md"]


def test_templates_in_the_override_folder_replace_shipped_ones(
    loaded: tuple[Repository, History], tmp_path: Path
) -> None:
    (tmp_path / "practice.md.j2").write_text("# {{ practice.title }}\n\nCUSTOM\n")
    site = render(loaded, templates=tmp_path)
    assert site.pages["practices/pin-data.md"] == "# Pin training data\n\nCUSTOM\n"
    assert "CUSTOM" not in site.pages["index.md"]


def test_override_folder_outside_the_repository_is_ignored(
    loaded: tuple[Repository, History],
) -> None:
    repository, _ = loaded
    config = SiteConfig(templates="a/../../../elsewhere")
    site = render(loaded, config=config)
    assert site.pages["index.md"].startswith("# ")
    assert repository.root.is_dir()


def test_without_history_pages_say_so_instead_of_guessing(
    loaded: tuple[Repository, History],
) -> None:
    missing = History(available=False, reason="not a git repository")
    site = render(loaded, history=missing, as_of=dt.date(2026, 3, 1))
    assert "History unavailable: not a git repository" in site.pages["practices/pin-data.md"]
    assert "History unavailable" in site.pages["changelog.md"]


def test_tables_keep_their_columns_whatever_the_text(loaded: tuple[Repository, History]) -> None:
    catalog = render(loaded).pages["practices/index.md"]
    rows = [line for line in catalog.splitlines() if line.startswith("| [")]
    assert rows
    for row in rows:
        assert len(re.findall(r"(?<!&#124);?\|", row.replace("&#124;", ""))) == 6


def test_undeclared_tags_get_no_page_when_the_repository_has_a_vocabulary(
    tmp_path: Path,
) -> None:
    """One file with thousands of made-up tags (an error) must not multiply the pages."""
    from tests.adversarial.corpus import base_repository, person_text

    root = tmp_path / "repo"
    base_repository(root)
    made_up = [f"topic-{n}" for n in range(500)]
    (root / "communities/people/many.yaml").write_text(
        person_text("many", interests=made_up), encoding="utf-8"
    )
    result = load_repository(root)
    assert {f.code for f in result.findings.sorted()} == {"COP108"}
    pages = render_site(result.repository, history=None, health=None, rules=None).pages
    assert not [path for path in pages if "topic-" in path]
    assert "tags/mlops.md" in pages or any(p.startswith("tags/mlops") for p in pages)
    assert "topic-7" in plain(next(v for k, v in pages.items() if k.startswith("people/many")))


def test_a_long_directory_continues_on_numbered_pages_each_person_once(
    loaded: tuple[Repository, History],
) -> None:
    repository, _ = loaded
    received: list[tuple[str, str, bool]] = []
    site = render(
        loaded,
        config=SiteConfig(directory_page_size=2),
        sink=lambda path, markdown, out_of_nav: received.append((path, markdown, out_of_nav)),
    )
    out_of_nav = {path for path, _, flag in received if flag}
    pages = {path: plain(markdown) for path, markdown, _ in received}
    count = -(-len(repository.people) // 2)
    assert count >= 2, "the fixture needs more than one page of people"
    directory = ["people/index.md"] + [f"people/pages/{n}.md" for n in range(2, count + 1)]
    assert [p for p in pages if p.startswith("people/pages/")] == directory[1:]
    # Every person is on exactly one page of the directory, in name order across pages.
    rows = [
        line for path in directory for line in pages[path].splitlines() if line.startswith("| [")
    ]
    names = sorted(repository.people.values(), key=lambda p: (p.name.lower(), p.id))
    assert len(rows) == len(names)
    for row, person in zip(rows, names, strict=True):
        assert f"[{person.name}](" in row
    # The first page is in the navigation, the others are not, and none is an entity page.
    assert "people/index.md" not in out_of_nav
    assert set(directory[1:]) <= out_of_nav
    assert not set(directory) & site.entity_pages
    second = pages["people/pages/2.md"]
    assert f"Page 2 of {count}: people 3-" in second
    assert "Pages: [1](../index.md) · **2**" in second
    # Links from a continuation page climb out of its folder.
    assert f"[{names[2].name}](../{names[2].id}.md)" in second
    assert "[who knows what](../expertise.md)" in second
    assert site.titles["people/pages/2.md"] == f"People (page 2 of {count})"
    # A directory that fits on one page has no pager at all.
    single = plain(render(loaded).pages["people/index.md"])
    assert "Pages:" not in single


def test_the_catalog_and_the_radar_list_are_paged_too(loaded: tuple[Repository, History]) -> None:
    repository, _ = loaded
    site = render(loaded, config=SiteConfig(directory_page_size=1))
    practices = sorted(repository.practices.values(), key=lambda p: (p.title.lower(), p.id))
    second = plain(site.pages["practices/pages/2.md"]).splitlines()
    assert sum(line.startswith("| [") for line in second) == 1
    assert f"[{practices[1].title}](../{practices[1].id}.md)" in plain(
        site.pages["practices/pages/2.md"]
    )
    assert f"{len(practices)} practices. Filter by status and tag (on this page)" in plain(
        site.pages["practices/index.md"]
    )
    radar = plain(site.pages["radar/pages/2.md"])
    assert "| 2 | [" in radar
    assert "](../../practices/" in radar
    assert "](../../assets/copkit/charts/radar.svg)" in radar
