"""The command-line reference page, generated from the CLI's own help.

``python -m copkit.cli_docs`` rewrites ``site/docs/reference/cli.md``; a test keeps the
checked-in page equal to what the commands say about themselves.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from copkit.cli import cli

PAGE = Path("site/docs/reference/cli.md")


def _commands(context: click.Context) -> Iterator[tuple[str, click.Context]]:
    """Every visible command under ``context``'s group, each with its context.

    Contexts are built as click builds them for a real command line (the group's
    ``context_settings``, each command's parent), so the page shows what ``--help`` prints
    (``-h, --help``) whatever ran before in the same process.
    """
    group = context.command
    assert isinstance(group, click.Group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        child = click.Context(command, info_name=name, parent=context, **command.context_settings)
        yield child.command_path, child
        if isinstance(command, click.Group):
            yield from _commands(child)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_cli_reference() -> str:
    """Markdown: one section per command with its usage, description and options."""
    lines = [
        "# Command-line reference",
        "",
        "Generated from the commands' own help by `python -m copkit.cli_docs`; "
        "`copkit COMMAND --help` prints the same.",
        "",
        "Every command exits 0 when all is well, 1 when it found problems, and 2 on a usage error.",
        "",
    ]
    # The group itself first: its options (such as --no-cache) go before any command.
    root = click.Context(cli, info_name="copkit", **cli.context_settings)
    for name, context in [("copkit", root), *_commands(root)]:
        command = context.command
        lines += [f"## `{name}`", "", "```text", command.get_usage(context), "```", ""]
        help_text = inspect.cleandoc(command.help or "")
        if help_text:
            lines += [_plain(help_text), ""]
        options = [
            record
            for parameter in command.get_params(context)
            if isinstance(parameter, click.Option)
            and (record := parameter.get_help_record(context)) is not None
        ]
        if options:
            lines += ["| option | meaning |", "| --- | --- |"]
            lines += [f"| `{_cell(flags)}` | {_cell(meaning)} |" for flags, meaning in options]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _plain(text: str) -> str:
    # Click's \b marks paragraphs not to rewrap; Markdown has its own paragraphs.
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b")


def main() -> int:
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(render_cli_reference(), encoding="utf-8")
    print(f"wrote {PAGE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
