"""The command-line reference page is generated from the CLI and kept in sync."""

from __future__ import annotations

from copkit.cli_docs import render_cli_reference
from tests.conftest import REPO_ROOT


def test_checked_in_cli_reference_matches_the_commands() -> None:
    page = (REPO_ROOT / "site" / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    assert page == render_cli_reference(), "run `python -m copkit.cli_docs`"


def test_every_command_has_a_section_and_its_options() -> None:
    page = render_cli_reference()
    for command in ("validate", "lint", "score", "check", "build", "new", "fmt", "init"):
        assert f"## `copkit {command}`" in page
    assert "## `copkit export backstage`" in page
    assert "`--fail-under N`" in page


def test_reference_is_the_same_whatever_ran_before_in_the_process() -> None:
    # click caches each command's help option the first time it is built; the page must
    # not depend on whether a command line was parsed first (the full suite does that).
    from copkit.cli import cli

    before = render_cli_reference()
    cli.main(["validate", "--help"], standalone_mode=False)
    assert render_cli_reference() == before
    assert "| `-h, --help` |" in before  # what `copkit COMMAND --help` really offers
