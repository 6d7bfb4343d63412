"""The site shows organisation fields on entity pages, escaped like every other value."""

from __future__ import annotations

import html

from copkit.loader import load_repository
from copkit.render import render_site
from tests.lintkit import LintRepo

FIELDS = """fields:
  Practice:
    risk_level:
      title: Risk <b>tier</b>
      description: Model risk tier.
      type: string
    threat_model:
      description: Link to the threat model.
      type: string
    controls:
      description: Control ids.
      type: array
      items: {type: string}
  Community:
    budget_owner:
      description: Who owns the budget.
      type: string
"""


def test_extension_fields_are_rows_with_escaped_values_and_safe_links(lrepo: LintRepo) -> None:
    lrepo.config(FIELDS)
    lrepo.edit(
        "mle/practices/pin-data.yaml",
        risk_level="<script>alert(1)</script> | high",
        threat_model="https://wiki.example.com/tm?id=1&v=2",
        controls=["CTL-1", "CTL-[2](javascript:x)"],
    )
    lrepo.edit("mle/mle.yaml", budget_owner="ada")
    result = load_repository(lrepo.root)
    assert result.ok, result.findings.sorted()
    site = render_site(result.repository, history=None, health=None, rules=None)
    page = site.pages["practices/pin-data.md"]
    assert "<script>" not in page
    assert "<b>" not in page
    row = next(line for line in page.splitlines() if "tier" in html.unescape(line))
    assert html.unescape(row).startswith("| Risk <b>tier</b> | <script>alert(1)</script> | high |")
    assert row.count(" | ") == 1  # the value's `|` cannot split the table cell
    assert '<a href="https://wiki.example.com/tm?id=1&amp;v=2" rel="noopener noreferrer">' in page
    assert "| Threat model |" in page
    controls = next(line for line in page.splitlines() if line.startswith("| Controls |"))
    assert "](javascript" not in controls
    assert "CTL-1, " in controls
    community = site.pages["communities/mle/index.md"]
    assert "| Budget owner | ada |" in community


def test_released_sources_render_the_same_pages_extension_fields_included(
    lrepo: LintRepo,
) -> None:
    lrepo.config(FIELDS)
    lrepo.edit("mle/practices/pin-data.yaml", risk_level="high", controls=["CTL-1"])
    lrepo.edit("mle/mle.yaml", budget_owner="ada")
    repository = load_repository(lrepo.root).repository
    before = render_site(repository, history=None, health=None, rules=None).pages
    repository.release_sources()
    documents = repository.documents
    assert all(document.text == "" for document in documents.values())
    # Values stay where an extension field reads them (practices, communities) only.
    assert documents[("Practice", "pin-data")].data["risk_level"] == "high"
    assert documents[("Community", "mle")].data is not None
    people = [document for (kind, _), document in documents.items() if kind == "Person"]
    assert people
    assert all(document.data is None for document in people)
    after = render_site(repository, history=None, health=None, rules=None).pages
    assert after == before
    assert "| Risk <b>tier</b> | high |" in html.unescape(after["practices/pin-data.md"])
