"""Contributor text is inert once it reaches a page: escaped, sanitised, or refused."""

from __future__ import annotations

import html
import re

import pytest

from copkit.render import paths, safe


def test_text_turns_every_markdown_and_html_special_into_a_character_reference() -> None:
    escaped = safe.text('<b>{: onclick="x" }</b> | [a](b) *c* #d')
    bare = re.sub(r"&#\d+;", "", escaped)
    for char in "<>{}|[]()*#":
        assert char not in bare
    assert html.unescape(escaped) == '<b>{: onclick="x" }</b> | [a](b) *c* #d'


def test_text_keeps_one_line_so_a_value_cannot_start_a_block() -> None:
    assert "\n" not in safe.text("line one\n\n# heading\n| a | b |")


def test_prose_drops_scripts_handlers_and_unsafe_links_but_keeps_safe_ones() -> None:
    source = (
        "<script>alert(1)</script> [js](javascript:alert(2)) [data](data:text/html,x) "
        '<a href="#" onclick="alert(3)">h</a> <img src="https://elsewhere.example/x.png"> '
        "[web](https://example.org/a) [mail](mailto:a@example.org)"
    )
    cleaned = safe.prose(source)
    assert "<script" not in cleaned
    assert "javascript:" not in cleaned
    assert "data:" not in cleaned
    assert "onclick" not in cleaned
    assert "<img" not in cleaned  # no request may leave the site's origin
    assert 'href="https://example.org/a"' in cleaned
    assert 'href="mailto:a@example.org"' in cleaned


def test_prose_renders_markdown_inside_one_raw_html_block() -> None:
    cleaned = safe.prose("Some **bold** text\n\n- item")
    assert cleaned.startswith('\n<div class="copkit-prose">')
    assert "<strong>bold</strong>" in cleaned
    assert "<li>item</li>" in cleaned


def test_prose_makes_attribute_lists_and_macros_inert() -> None:
    cleaned = safe.prose('para\n{: onclick="alert(1)" }\n\n{{ config.secret }}')
    assert "{" not in cleaned
    assert "}" not in cleaned


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org", "https://example.org"),
        ("mailto:a@example.org", "mailto:a@example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<x>", None),
        ("https://exa mple.org", None),
        ("/relative", None),
    ],
)
def test_url_keeps_only_http_https_and_mailto(value: str, expected: str | None) -> None:
    assert safe.url(value) == expected


def test_title_has_no_angle_brackets_even_after_unescaping() -> None:
    from markupsafe import Markup

    title = safe.title("</title><script>x</script> & co")
    assert "<" not in Markup(title).striptags()
    assert "<" not in title


@pytest.mark.parametrize("bad", ["../etc", "a/b", "..", "", "UPPER", "a--b", "x" * 81])
def test_page_names_refuse_anything_but_a_slug(bad: str) -> None:
    with pytest.raises(paths.UnsafePathError):
        paths.practice(bad)
