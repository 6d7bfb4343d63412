"""The files ``copkit init`` plans: deterministic, dated from today, templates rendered."""

from __future__ import annotations

import datetime as dt

from copkit.starter import plan, scaffolding

DAY = dt.date(2026, 3, 1)


def test_the_plan_is_deterministic_and_sorted() -> None:
    first = plan(today=DAY, title="Guilds")
    assert first == plan(today=DAY, title="Guilds")
    assert list(first) == sorted(first)
    assert len(first) == 33


def test_only_dates_change_with_today() -> None:
    before = plan(today=DAY, title="Guilds")
    after = plan(today=DAY + dt.timedelta(days=1), title="Guilds")
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == [
        "communities/people/alex-morgan.yaml",
        "communities/people/sam-rivera.yaml",
        "communities/software-craft/metrics/reviewed-changes.yaml",
        "communities/software-craft/practices/review-every-change.yaml",
        "communities/software-craft/software-craft-charter.yaml",
        "communities/software-craft/software-craft.yaml",
    ]
    assert "founded: 2025-12-31" in before["communities/software-craft/software-craft.yaml"]
    assert "founded: 2026-01-01" in after["communities/software-craft/software-craft.yaml"]


def test_dot_prefixed_template_names_become_dotfiles_and_markers_are_rendered() -> None:
    files = scaffolding(title="Guilds")
    assert ".github/workflows/check.yml" in files
    assert ".pre-commit-config.yaml" in files
    assert ".gitignore" in files
    assert not any(name.startswith("dot-") or "/dot-" in name for name in files)
    for name, text in files.items():
        assert "[[" not in text, name
        assert "[%" not in text, name
    # GitHub expressions pass through untouched.
    assert "${{ github.base_ref }}" in files[".github/workflows/check.yml"]
    assert files["site/mkdocs.yml"].count('site_name: "Guilds"') == 1
