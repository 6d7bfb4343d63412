"""The site build's scratch folder: pages read back from it exactly as they went in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.structure.files import File

from copkit.mkdocs_plugin import PageSpill


@pytest.fixture
def spill(tmp_path: Path) -> Iterator[PageSpill]:
    scratch = PageSpill(str(tmp_path / "site"))
    yield scratch
    scratch.remove()


def test_markdown_on_disk_reads_back_through_mkdocs_byte_for_byte(
    spill: PageSpill, tmp_path: Path
) -> None:
    markdown = "# Café ✓\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nno final newline"
    source = spill.markdown_file(markdown)
    assert source is not None
    assert Path(source).parent == spill.folder
    assert spill.folder.parent == tmp_path / "site"
    # What File.generated(config, path, abs_src_path=source) builds, read as MkDocs reads.
    page = File("practices/x.md", src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True)
    page.abs_src_path = source
    assert page.content_string == markdown


@pytest.mark.parametrize("markdown", ["a\r\nb\n", "a\rb", "\ufeff# Title\n"])
def test_markdown_mkdocs_would_read_back_differently_stays_in_memory(
    spill: PageSpill, markdown: str
) -> None:
    assert spill.markdown_file(markdown) is None


def test_parked_html_comes_back_once_and_the_folder_goes_away(spill: PageSpill) -> None:
    html = '<h1 id="t">T</h1>\r\n<p>a\rb ✓</p>'
    spill.park("people/ada.md", html)
    assert spill.unpark("people/ada.md") == html
    assert spill.unpark("people/ada.md") is None
    assert spill.unpark("never/parked.md") is None
    spill.remove()
    assert not spill.folder.exists()
