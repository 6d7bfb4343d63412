"""The canonical layout: schema key order, block lists, safe quoting, comments kept."""

from __future__ import annotations

import pytest

from copkit.canonical import FormatError, canonical_text

MESSY = """\
# yaml-language-server: $schema=../schemas/practice.schema.json
status: draft   # still being written
kind: Practice
apiVersion: copkit/v1
id: "pin-data"
owners: [ada, bob]
approvals:
- date: 2026-01-10
  person: cy      # the reviewer
title: Pin the data
community: mle
summary: >-
  Snapshot the data
  every model is trained on.
tags: [yes-no, 'on']
"""


def test_keys_follow_the_schema_and_comments_stay_with_their_keys() -> None:
    text = canonical_text(MESSY)
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/practice.schema.json"
    keys = [line.split(":")[0] for line in lines[1:] if line and line[0].isalpha()]
    assert keys == [
        "apiVersion",
        "kind",
        "id",
        "title",
        "community",
        "owners",
        "status",
        "summary",
        "tags",
        "approvals",
    ]
    assert "status: draft   # still being written" in lines
    reviewer = next(line for line in lines if line.startswith("  - person: cy"))
    assert reviewer.endswith("# the reviewer")
    assert "    date: 2026-01-10" in lines


def test_lists_become_block_style_and_ambiguous_text_is_quoted() -> None:
    text = canonical_text(MESSY)
    assert "owners:\n  - ada\n  - bob\n" in text
    assert "  - yes-no\n  - 'on'\n" in text


def test_canonical_text_is_stable() -> None:
    once = canonical_text(MESSY)
    assert canonical_text(once) == once


@pytest.mark.parametrize("value", ["no", "0755", "1:30", "1e3", "~", "2026-02-30", "0x1F"])
def test_text_other_yaml_readers_misread_is_quoted(value: str) -> None:
    text = canonical_text(f"apiVersion: copkit/v1\nkind: Person\nid: x\nname: '{value}'\n")
    assert f"name: '{value}'" in text


def test_unreadable_file_is_refused_not_rewritten() -> None:
    with pytest.raises(FormatError, match="duplicate key"):
        canonical_text("a: 1\na: 2\n")


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\u2029", "\x07", "\ufeff"])
def test_line_break_and_control_characters_keep_their_value(character: str) -> None:
    """Found by the property tests: ruamel.yaml wrote NEL raw inside quotes, which a
    reader folds into a space, so fmt refused the file and ``new`` changed the title."""
    import yaml as pyyaml

    from copkit.load.yaml_reader import parse
    from copkit.scaffold import render

    document = {"apiVersion": "copkit/v1", "kind": "Person", "id": "bob", "name": character}
    text = pyyaml.safe_dump(document, sort_keys=False)
    assert parse(canonical_text(text), max_nodes=100)["name"] == character
    written = render("Person", document, schema_ref="schema.json")
    assert parse(written, max_nodes=100)["name"] == character
