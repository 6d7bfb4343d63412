"""The expertise network on the site: who-to-ask pages, linked people, gaps, the network page.

A small organisation where the answers are known by hand:

* communities ``a`` (ann, bea, cal) and ``b`` (cal, dan) share cal, the only broker;
  ``c`` (eve, fay) shares nobody: a silo;
* practice ``ship-it`` of ``a`` needs python and sql; ann (expert) and bea (working) hold
  python, nobody in ``a`` holds sql and only dan (outside ``a``) does: a gap, at risk;
* ``a``'s domain is ``data``: dan (interest data 1.0 + sql proficient 0.75) is invited;
* dan, eve and fay all hold rust and wasm, which no community needs: one suggestion;
* mallory's name and the ``evil`` skill's label are hostile markup.
"""

from __future__ import annotations

import builtins
import html
import subprocess
from pathlib import Path
from typing import Any

import pytest

from copkit.history import History, email_index, read_history
from copkit.loader import load_repository
from copkit.render import inputs, render_site
from copkit.render.site import RenderedSite
from copkit.repository import Repository
from tests.conftest import entity
from tests.unit.network.builders import community, person, practice, write_org

EVIL_NAME = '<script>window.__xss=1</script>Mallory "M" [x](javascript:alert(1))'
EVIL_LABEL = "<img src=x onerror=alert(1)>Evil {: onclick=alert(2) }"


def organisation() -> dict[str, dict[str, Any]]:
    return {
        "vocabulary.yaml": entity(
            "Taxonomy",
            "vocabulary",
            title="Vocabulary",
            tags=[{"id": "data", "label": "Data"}],
            skills=[
                {"id": "python", "label": "Python", "description": "Writing Python."},
                {"id": "sql", "label": "SQL"},
                {"id": "rust", "label": "Rust"},
                {"id": "wasm", "label": "WebAssembly"},
                {"id": "evil", "label": EVIL_LABEL},
            ],
        ),
        "people/ann.yaml": person("ann", skills={"python": "expert"}, mentors=["python"]),
        "people/bea.yaml": person("bea", skills={"python": "working"}),
        "people/cal.yaml": person("cal", learning=["python"]),
        "people/dan.yaml": person(
            "dan",
            skills={"sql": "proficient", "rust": "working", "wasm": "working"},
            interests=["data"],
        ),
        "people/eve.yaml": person("eve", skills={"rust": "expert", "wasm": "working"}),
        "people/fay.yaml": person("fay", skills={"rust": "working", "wasm": "novice"}),
        "people/mallory.yaml": entity(
            "Person",
            "mallory",
            name=EVIL_NAME,
            emails=["mallory@example.org"],
            skills=[{"skill": "evil", "level": "expert"}],
        ),
        "a/a.yaml": community(
            "a", members={"ann": "core", "bea": "active", "cal": "active"}, domain=["data"]
        ),
        "b/b.yaml": community("b", members={"dan": "core", "cal": "peripheral"}),
        "c/c.yaml": community("c", members={"eve": "core", "fay": "core"}),
        "a/practices/ship-it.yaml": practice(
            "ship-it", "a", owners=["ann"], title="Ship it", skills=["python", "sql"]
        ),
    }


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repository, History]:
    root = tmp_path_factory.mktemp("sitenet") / "repo"
    write_org(root, organisation())
    result = load_repository(root)
    assert result.ok, [finding.message for finding in result.findings]
    repository = result.repository
    history = read_history(repository.root, repository.data_dir, email_index(repository.people))
    return repository, history


@pytest.fixture(scope="module")
def site(loaded: tuple[Repository, History]) -> RenderedSite:
    repository, history = loaded
    return render_site(
        repository,
        history=history,
        health=None,
        rules=None,
        network=inputs.network(repository, history),
    )


def plain(markdown: str) -> str:
    return html.unescape(markdown)


def section(page: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or higher level."""
    start = page.index(heading)
    level = heading.split(" ")[0]
    rest = page[start + len(heading) :]
    ends = [rest.find(f"\n{'#' * n} ") for n in range(1, len(level) + 1)]
    ends = [end for end in ends if end >= 0]
    return rest[: min(ends)] if ends else rest


def test_one_who_to_ask_page_per_skill_kept_out_of_the_nav(site: RenderedSite) -> None:
    for skill in ("python", "sql", "rust", "wasm", "evil"):
        assert f"skills/{skill}.md" in site.pages
        assert f"skills/{skill}.md" in site.entity_pages
    assert "skills/index.md" in site.pages
    assert "skills/index.md" not in site.entity_pages
    assert "network.md" not in site.entity_pages
    index = site.pages["skills/index.md"]
    assert "[Python](python.md) | 2 | [Ann](../people/ann.md) | 1 | 1 |" in index
    assert "[SQL](sql.md) | 1 |  | 0 | 1 |" in index


def test_skill_page_lists_holders_by_level_mentors_learners_and_practices(
    site: RenderedSite,
) -> None:
    page = site.pages["skills/python.md"]
    assert page.startswith("# Who to ask: Python\n\nWriting Python.\n")
    holders = section(page, "## Holders")
    # Expert before working; ann owns ship-it, which needs python; bea works on nothing.
    assert holders.index("[Ann](../people/ann.md)") < holders.index("[Bea](../people/bea.md)")
    assert "| [Ann](../people/ann.md) | expert | yes | [Ship it](../practices/ship-it.md) |" in (
        holders
    )
    assert "| [Bea](../people/bea.md) | working | no |  |" in holders
    assert section(page, "## Mentors").strip() == "[Ann](../people/ann.md)"
    assert section(page, "## Learning").strip() == "[Cal](../people/cal.md)"
    assert "- [Ship it](../practices/ship-it.md)" in section(page, "## Practices that need it")
    assert "*Nobody offers to mentor" in site.pages["skills/sql.md"]


def test_person_page_links_skills_communities_and_practices(site: RenderedSite) -> None:
    ann = site.pages["people/ann.md"]
    assert "| [Python](../skills/python.md) | expert |" in ann
    assert "**Mentors in:** [Python](../skills/python.md)" in ann
    assert "[A](../communities/a/index.md) (lead)" in ann  # the builder makes ann a lead
    assert "| [Ship it](../practices/ship-it.md) | owner |" in ann
    cal = site.pages["people/cal.md"]
    assert "[A](../communities/a/index.md) (active), [B](../communities/b/index.md) (lead)" in (cal)
    assert "**Wants to learn:** [Python](../skills/python.md)" in cal


def test_people_directory_links_to_skill_pages_and_practices(site: RenderedSite) -> None:
    people = site.pages["people/index.md"]
    assert "[who to ask, skill by skill](../skills/index.md)" in people
    row = next(line for line in people.splitlines() if line.startswith("| [Ann]"))
    assert "[Python](../skills/python.md)" in row
    assert "[Ship it](../practices/ship-it.md)" in row
    assert "[A](../communities/a/index.md)" in row
    assert "[who to ask](../skills/index.md)" in site.pages["people/expertise.md"]
    assert "[Python](../skills/python.md)" in site.pages["people/expertise.md"]


def test_community_page_shows_its_gaps_and_skills_at_risk(site: RenderedSite) -> None:
    gaps = section(site.pages["communities/a/index.md"], "## Knowledge gaps")
    assert "fewer than 2 members hold" in gaps
    # python is held by ann and bea: no gap. sql: nobody in a.
    assert "| [SQL](../../skills/sql.md) | nobody | [Ship it](../../practices/ship-it.md) |" in gaps
    assert "skills/python.md" not in gaps
    assert "- [SQL](../../skills/sql.md): only [Dan](../../people/dan.md) (proficient)" in gaps
    others = section(site.pages["communities/b/index.md"], "## Knowledge gaps")
    assert "*No gaps:" in others
    assert "Knowledge at risk" not in others


def test_network_page_lists_brokers_silos_suggestions_and_invitations(
    site: RenderedSite,
) -> None:
    page = site.pages["network.md"]
    assert "7 people, 3 communities." in page
    brokers = section(page, "## Knowledge brokers")
    rows = [line for line in brokers.splitlines() if line.startswith("| [")]
    assert rows == [
        "| [Cal](people/cal.md) | [A](communities/a/index.md), [B](communities/b/index.md) | "
        f"{6 / 28:.3f} |"
    ]
    silos = section(page, "## Silo communities")
    assert "- [C](communities/c/index.md): none of its 2 members" in silos
    assert "[A](communities/a/index.md)" not in silos
    suggestions = section(page, "## Suggested communities")
    assert suggestions.count("### Suggestion") == 1
    assert "### Suggestion 1: Rust, WebAssembly" in suggestions
    assert (
        "- People (3): [Dan](people/dan.md), [Eve](people/eve.md), [Fay](people/fay.md)"
        in suggestions
    )
    assert "- Skills: [Rust](skills/rust.md), [WebAssembly](skills/wasm.md)" in suggestions
    invitations = section(page, "## Whom to invite")
    assert "### [A](communities/a/index.md)" in invitations
    assert "| [Dan](people/dan.md) | [SQL](skills/sql.md) | [Data](tags/data.md) | 1.75 |" in (
        invitations
    )
    assert "### [B]" not in invitations
    assert "[how the communities connect](network.md)" in site.pages["index.md"]


def test_hostile_names_and_labels_are_escaped_everywhere(site: RenderedSite) -> None:
    pages = ["people/mallory.md", "people/index.md", "skills/evil.md", "skills/index.md"]
    pages += ["people/expertise.md"]
    for path in pages:
        page = site.pages[path]
        for raw in ("<script", "<img", "{:", "](javascript"):
            assert raw not in page, (path, raw)
    assert EVIL_NAME in plain(site.pages["skills/evil.md"])
    assert EVIL_LABEL in plain(site.pages["people/mallory.md"])
    assert "&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;" in site.pages["skills/evil.md"]
    assert site.titles["skills/evil.md"].startswith("Who to ask: \u2039img")


def test_without_the_network_the_site_says_so_and_links_no_skill_pages(
    loaded: tuple[Repository, History],
) -> None:
    repository, history = loaded
    site = render_site(repository, history=history, health=None, rules=None)
    assert not any(path.startswith("skills/") and path != "skills/index.md" for path in site.pages)
    assert "*network not computed*" in site.pages["skills/index.md"]
    assert "*network not computed*" in site.pages["network.md"]
    assert "*network not computed*" in section(
        site.pages["communities/a/index.md"], "## Knowledge gaps"
    )
    assert "| Python | expert |" in site.pages["people/ann.md"]


def test_network_pages_are_deterministic(
    loaded: tuple[Repository, History], site: RenderedSite
) -> None:
    repository, history = loaded
    again = render_site(
        repository,
        history=history,
        health=None,
        rules=None,
        network=inputs.network(repository, history),
    )
    assert again.pages == site.pages


def test_the_network_input_reads_no_file_and_runs_no_git(
    loaded: tuple[Repository, History], monkeypatch: pytest.MonkeyPatch
) -> None:
    repository, history = loaded
    expected = inputs.network(repository, history)  # imports the network modules

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected I/O: {args!r}")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert inputs.network(repository, history) == expected
    assert inputs.network(repository, None) is not None


def test_expertise_cells_name_the_first_people_and_link_the_rest_to_the_skill_page(
    loaded: tuple[Repository, History],
) -> None:
    from copkit.model.site_config import SiteConfig

    repository, history = loaded
    site = render_site(
        repository,
        history=history,
        health=None,
        rules=None,
        config=SiteConfig(expertise_names=1),
        network=inputs.network(repository, history),
    )
    row = next(line for line in site.pages["people/expertise.md"].splitlines() if "[Rust](" in line)
    # dan, eve and fay hold rust: eve (expert) is named, the other two are counted.
    assert "[Eve](eve.md) (expert) [and 2 more](../skills/rust.md) |" in row
    assert "[Dan](" not in row
    assert "[Fay](" not in row
    # A cell under the limit is not cut: python's one mentor and one learner.
    python = next(
        line for line in site.pages["people/expertise.md"].splitlines() if "[Python](" in line
    )
    assert python.endswith(
        "(expert) [and 1 more](../skills/python.md) | [Ann](ann.md) | [Cal](cal.md) |"
    )
