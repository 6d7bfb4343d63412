"""Turning contributor text into something safe to place in a Markdown page.

Generated pages go through MkDocs' Markdown processor (with whatever extensions a
site enables: ``attr_list``, ``md_in_html``, snippets, macros). Contributor text must
never reach it as Markdown. So:

* plain values (titles, names, tags, units) are escaped with :func:`text`: HTML
  special characters and every character Markdown or its extensions give meaning to
  become numeric character references, which Markdown passes through untouched;
* Markdown bodies are rendered to HTML here and cleaned with nh3 (:func:`prose`), then
  embedded as one raw HTML block Markdown does not look inside;
* links keep only the http, https and mailto schemes (:func:`url`).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Characters that mean something to Markdown, its extensions (attr_list `{: }`, tables
# `|`, snippets `--8<--`, macros `{{ }}`, abbreviations, footnotes, emoji `:x:`) or HTML.
_SPECIAL = "\\`*_{}[]()#!|<>&~=^$"
_ESCAPES = {ord(char): f"&#{ord(char)};" for char in _SPECIAL}
_WHITESPACE = re.compile(r"\s+")

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "q", "s",
    "small", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "tr",
    "ul",
}  # fmt: skip
# No <img>: a picture from another host would make the site call out of its origin.
_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}, "abbr": {"title"}}
_MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


def text(value: object) -> Markup:
    """``value`` as inert text inside Markdown (and HTML): one line, every special escaped."""
    # Whitespace runs become one space (no line breaks, no indented code); not stripped,
    # so separators such as ", " survive.
    one_line = _WHITESPACE.sub(" ", str(value))
    return Markup(one_line.translate(_ESCAPES))


def cell(value: object) -> Markup:
    """Text for a Markdown table cell: like :func:`text` (``|`` is escaped too)."""
    return text(value)


def attribute(value: object) -> Markup:
    """Text for a double-quoted HTML attribute value."""
    return Markup(html.escape(_WHITESPACE.sub(" ", str(value)).strip(), quote=True))


def attribute_free(value: str) -> str:
    """Multi-line text for inside a raw HTML ``<pre>``: escaped, braces inert."""
    escaped = html.escape(value, quote=True)
    return escaped.replace("{", "&#123;").replace("}", "&#125;").replace("\n\n", "\n&#10;")


def url(value: str | None) -> str | None:
    """The link if its scheme is http, https or mailto, else None."""
    if not value:
        return None
    cleaned = value.strip()
    scheme, colon, _ = cleaned.partition(":")
    if not colon or scheme.lower() not in SAFE_SCHEMES or any(ord(c) < 33 for c in cleaned):
        return None
    return cleaned


def link(label: object, href: str | None) -> Markup:
    """An HTML link to an outside address, or the label alone when the address is unsafe."""
    safe = url(href)
    if safe is None:
        return text(label)
    return Markup(
        f'<a href="{attribute(safe)}" rel="noopener noreferrer">{html.escape(str(label))}</a>'
    )


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    # One converter, reset between documents: building one costs more than converting.
    return markdown.Markdown(extensions=_MARKDOWN_EXTENSIONS, output_format="html")


@lru_cache(maxsize=4096)
def prose(source: str | None) -> Markup:
    """Contributor Markdown rendered to sanitised HTML, as one raw HTML block."""
    if not source or not source.strip():
        return Markup("")
    rendered = _markdown().reset().convert(source)
    cleaned = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # Inert for any preprocessor that still reads the page as text (macros, snippets).
    cleaned = cleaned.replace("{", "&#123;").replace("}", "&#125;")
    return Markup(f'\n<div class="copkit-prose">\n{cleaned}\n</div>\n')


def title(value: object) -> str:
    """A page title safe in every place a theme puts one.

    Themes print ``page.title`` raw and also through Jinja's ``striptags``, which
    unescapes entities after stripping tags; angle brackets are therefore replaced by
    look-alike quotation marks before escaping.
    """
    one_line = _WHITESPACE.sub(" ", str(value)).strip()
    return html.escape(one_line.replace("<", "\u2039").replace(">", "\u203a"), quote=True)
