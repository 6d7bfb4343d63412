"""The XSS corpus, checked by parsing every page of the built site (no browser needed).

``tests/sitefixture.py`` (``xss=True``) puts hostile text in every field that reaches
HTML: people's names, titles and skills, tag and skill labels, community names, leads'
roles, channels, meetings, charters, objectives, practices (Markdown sections too),
metrics' names and units, events, knowledge assets and their links. Every payload would
set ``window.__xss`` if it ran. Each page is parsed with :mod:`html.parser` and must hold
no script, event handler, dangerous URL or embedding element that is not the theme's own.
The browser test (test_site_browser.py) runs the same site in Chromium.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_copkit
from tests.sitefixture import build_fixture_repo

pytestmark = pytest.mark.slow

DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
EMBEDDING = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "svg", "img"}


class Inspector(HTMLParser):
    """Collects everything on a page that could run code or load something foreign."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)[:160]}>"
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}: {where}")
            if name in URL_ATTRIBUTES and value is not None:
                # What a browser's URL parser does first (WHATWG): drop tabs and
                # newlines anywhere, then C0 controls and spaces at both ends.
                squeezed = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(33))))
                if DANGEROUS_SCHEME.match(squeezed):
                    self.problems.append(f"dangerous URL: {where}")
            if name == "style" and "__xss" in (value or ""):
                self.problems.append(f"hostile style: {where}")
        if tag == "script":
            src = values.get("src") or ""
            if "://" in src or src.startswith("//"):
                self.problems.append(f"foreign script: {where}")
        own_image = tag == "img" and "://" not in (values.get("src") or "://")
        own_icon = tag == "svg" and "__xss" not in where  # the theme's inline icons
        if tag in EMBEDDING and not (own_image or own_icon):
            self.problems.append(f"embedding element: {where}")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"meta refresh: {where}")
        if tag == "form" and values.get("action"):
            self.problems.append(f"form with an action: {where}")
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None and "__xss" in data:
            self.problems.append(f"hostile {self._in} content: {data[:160]!r}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("xss-html")
    repo = build_fixture_repo(base / "repo", xss=True)
    validate = run_copkit("validate", str(repo))
    assert validate.returncode == 0, validate.stdout  # every payload is valid data
    out = base / "public"
    result = run_copkit("build", str(repo), "-d", str(out), "--strict")
    assert result.returncode == 0, result.stderr
    return out


def test_no_page_holds_a_script_handler_or_dangerous_url_that_is_not_the_themes(
    site: Path,
) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    problems: list[str] = []
    for page in pages:
        inspector = Inspector()
        inspector.feed(page.read_text(encoding="utf-8"))
        inspector.close()
        problems += [f"{page.relative_to(site)}: {problem}" for problem in inspector.problems]
    assert problems == []


@pytest.mark.parametrize(
    "page",
    [
        "people/mallory/index.html",
        "communities/evil/index.html",
        "practices/evil-practice/index.html",
        "skills/evil-skill/index.html",
    ],
)
def test_hostile_text_is_shown_as_text(site: Path, page: Path) -> None:
    """The payloads are there, escaped: visible to readers, inert to the browser."""
    source = (site / page).read_text(encoding="utf-8")
    assert "__xss" in html.unescape(source)
    assert "<script>window.__xss" not in source


REACHES_HTML = {40, 41, 42, 44, 45, 46, 48, 49, 50, 51, 53, 54, 55, 60, 61, 62, 63, 64, 65}
REACHES_HTML |= {66, 67, 68}
"""Payload numbers of the plain-text fields the site shows (sitefixture's XSS_TEXT/XSS_URL):
people's titles, vocabulary and skill labels, objectives, charters, events, knowledge
assets, leads' roles, channels, meetings."""


def test_every_hostile_field_reaches_the_site_as_text(site: Path) -> None:
    """The corpus really exercises each field: its payload is on some page, as text."""
    text = "\n".join(html.unescape(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
    shown = {int(number) for number in re.findall(r"__xss=(\d+)", text)}
    assert shown >= REACHES_HTML, sorted(REACHES_HTML - shown)


def test_hostile_markdown_links_lose_their_href(site: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    everything = "\n".join(pages)
    for scheme in ("javascript:", "vbscript:", "data:text/html"):
        assert f'href="{scheme}' not in everything.lower()
    # The safe link in the same section is kept.
    assert 'href="https://example.org/ok"' in everything
