"""The built site in headless Chromium: navigation, search, filters, offline, and an XSS
corpus that must execute nothing.

Chromium is Debian's package (``/usr/bin/chromium``) driven by Python playwright with
``executable_path``; no browser is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.sitefixture import build_fixture_repo

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(
    tmp_path_factory: pytest.TempPathFactory,
    copkit_module: Callable[..., CompletedProcess[str]],
) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    repo = build_fixture_repo(base / "repo", xss=True)
    out = base / "public"
    result = copkit_module("build", str(repo), "-d", str(out), "--strict")
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def copkit_module() -> Callable[..., CompletedProcess[str]]:
    from tests.conftest import run_copkit

    return run_copkit


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Debian's chromium package (see .ci/run)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page with everything that would betray a problem recorded."""

    def __init__(self, browser: Browser, origin: str) -> None:
        self.context = browser.new_context()
        self.page: Page = self.context.new_page()
        self.origin = origin.rstrip("/")
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", self._request)
        self.page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: Any) -> None:
        url = request.url
        if not (url.startswith(self.origin + "/") or url.startswith(("data:", "blob:"))):
            self.foreign.append(url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def xss(self) -> object:
        return self.page.evaluate("() => window.__xss")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Browser, site_url: str) -> Iterator[Watched]:
    session = Watched(browser, site_url)
    yield session
    session.close()


def test_home_lists_communities_and_a_click_reaches_a_community_page(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url)
    content = page.locator("article")
    assert content.get_by_role("link", name="ML Engineering").count() == 1
    assert content.get_by_role("link", name="AI Ethics").count() == 1
    content.get_by_role("link", name="ML Engineering").click()
    page.wait_for_url("**/communities/mle/")
    assert page.locator("h1").first.inner_text() == "ML Engineering"
    assert page.locator("article").get_by_text("Make model delivery boring.").count() == 1
    assert watched.errors == []
    assert watched.foreign == []


def test_a_click_from_a_person_reaches_who_to_ask_for_their_skill(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url + "people/")
    page.locator("article").get_by_role("link", name="Ada Lovelace").first.click()
    page.wait_for_url("**/people/ada/")
    page.locator("article table").get_by_role("link", name="Python").click()
    page.wait_for_url("**/skills/python/")
    content = page.locator("article")
    assert page.locator("h1").first.inner_text() == "Who to ask: Python"
    holders = content.locator("table tbody tr")
    assert holders.count() == 1
    assert holders.first.locator("td").nth(0).inner_text() == "Ada Lovelace"
    assert holders.first.locator("td").nth(1).inner_text() == "expert"
    # Bob wants to learn python: the learners list links to him.
    content.get_by_role("link", name="Bob Byte").first.click()
    page.wait_for_url("**/people/bob/")
    assert watched.errors == []
    assert watched.foreign == []


def test_home_links_the_network_page_which_names_the_brokers(
    watched: Watched, site_url: str
) -> None:
    page = watched.page
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="how the communities connect").click()
    page.wait_for_url("**/network/")
    brokers = page.locator("article table").first.locator("tbody tr")
    # Ada and Cy both belong to ML Engineering and AI Ethics: each carries half of every
    # path between the two, so they tie and are listed by id.
    names = [row.locator("td").first.inner_text() for row in brokers.all()]
    assert names == ["Ada Lovelace", "Cy Chen"]
    assert watched.errors == []


def test_search_for_a_practice_title_finds_it(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("Review models before release")  # the theme listens to key events
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15000)
    assert "practices/review-models/" in (result.get_attribute("href") or "")
    result.click()
    page.wait_for_url("**/practices/review-models/**")
    assert watched.errors == []
    assert watched.foreign == []


def test_catalog_filters_by_status_and_tag(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "practices/")
    rows = page.locator("article table tbody tr")
    total = rows.count()
    assert total == 5  # pin-data, review-models, copy-data, ethics-checklist, evil-practice
    page.locator("select[data-filter=status]").select_option("adopted")
    visible = [row for row in rows.all() if row.is_visible()]
    assert [row.locator("td").first.inner_text() for row in visible] == ["Pin training data"]
    page.locator("select[data-filter=status]").select_option("")
    page.locator("select[data-filter=tag]").select_option("mlops")
    visible = [row.locator("td").first.inner_text() for row in rows.all() if row.is_visible()]
    assert visible == ["Copy data by hand", "Pin training data"]
    assert watched.errors == []


@pytest.mark.parametrize(
    "path",
    [
        "",
        "practices/",
        "practices/evil-practice/",
        "communities/evil/",
        "communities/evil/contributors/",
        "people/",
        "people/mallory/",
        "radar/",
        "changelog/",
        "tags/",
        "network/",
        "skills/",
        "skills/python/",
        "skills/evil-skill/",
        "knowledge/evil-story/",
        "tags/evil-tag/",
    ],
)
def test_xss_corpus_executes_nothing(watched: Watched, site_url: str, path: str) -> None:
    page = watched.page
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    for link in page.locator("article a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith(("javascript:", "data:")), href
    for element in page.locator("article *").all()[:2000]:
        handlers = element.evaluate(
            "e => Array.from(e.attributes).map(a => a.name).filter(n => n.startsWith('on'))"
        )
        assert handlers == []
    # Hovering and clicking what hostile text produced must not run anything either.
    for link in page.locator("article a[href='#']").all():
        link.click()
    assert watched.xss() is None
    assert watched.dialogs == []
    assert watched.errors == []
    assert watched.foreign == []


def test_pipe_in_a_value_does_not_break_the_table(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "practices/")
    row = page.locator("article table tbody tr", has_text="right").first
    cells = row.locator("td")
    assert cells.count() == 5
    assert cells.nth(4).inner_text() == 'left | right {: onclick="window.__xss=14" }'
    assert "Evil" in cells.nth(0).inner_text()
