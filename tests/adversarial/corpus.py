"""The adversarial inputs: each one a small change to a valid repository.

A case names the file it breaks and the one finding ``copkit validate`` must give for it
(code, line, a fragment of the message). Big inputs are generated when the case is set
up, never committed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.conftest import CONFIG, entity, minimal_entities

PERSON = "apiVersion: copkit/v1\nkind: Person\nid: {id}\nname: Someone\n"


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], None]
    """Breaks the repository at the given root (``communities/`` is its data folder)."""
    code: str
    path: str
    """The file the finding is about, relative to the root."""
    line: int
    fragment: str
    big: bool = False
    """Costly for every command (10,000 items, a million characters, deep nesting): run
    in-process only, not again in the all-at-once run through fresh processes."""


def base_repository(root: Path) -> None:
    """The valid minimal organisation of ``tests.conftest`` written under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "copkit.yaml").write_text(CONFIG, encoding="utf-8")
    for relative, document in minimal_entities().items():
        _write(root, relative, yaml.safe_dump(document, sort_keys=False, allow_unicode=True))


def _write(root: Path, relative: str, content: str | bytes) -> Path:
    path = root / "communities" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def writes(
    relative: str, content: str | bytes | Callable[[], str | bytes]
) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        _write(root, relative, content() if callable(content) else content)

    return setup


def person_text(person_id: str, **fields: object) -> str:
    document = entity("Person", person_id, **{"name": "Someone", **fields})
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=10**9)


def _deep_nesting() -> str:
    depth = 5000
    return PERSON.format(id="deep") + "interests: " + "[" * depth + "x" + "]" * depth + "\n"


def _deep_mapping() -> str:
    lines = [PERSON.format(id="deep-map").rstrip("\n"), "unit:"]
    lines += ["  " * (level + 1) + f"k{level}:" for level in range(300)]
    return "\n".join(lines) + " x\n"


def _alias_bomb() -> str:
    lines = [PERSON.format(id="bomb").rstrip("\n"), "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(
            f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, "
            f"*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]"
        )
    return "\n".join(lines) + "\n"


def _huge() -> bytes:
    return (PERSON.format(id="huge") + "# " + "x" * 2_000_000 + "\n").encode()


def _million_name() -> str:
    return person_text("million", **{"unit": "u" * 1_000_000})


def _many_interests() -> str:
    return person_text("many") + "interests:\n" + "".join(f"- topic-{n}\n" for n in range(10_000))


def _many_members() -> str:
    document = minimal_entities()["mle/mle.yaml"]
    document = {
        **document,
        "members": [{"person": f"p{n}", "level": "core"} for n in range(10_000)],
    }
    return yaml.safe_dump(document, sort_keys=False)


def _case_collision(root: Path) -> None:
    # Next to people/ada.yaml: on macOS and Windows checkouts the two are one file.
    _write(root, "people/Ada.yaml", PERSON.format(id="ada"))


def _case_collision_folders(root: Path) -> None:
    _write(
        root,
        "MLE/practices/pin-data.yaml",
        (root / "communities/mle/practices/pin-data.yaml").read_text(),
    )


def _symlink_loop(root: Path) -> None:
    folder = root / "communities" / "loop"
    folder.mkdir()
    os.symlink("..", folder / "up")
    os.symlink("b.yaml", folder / "a.yaml")
    os.symlink("a.yaml", folder / "b.yaml")


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "secret.yaml"
    outside.write_text(PERSON.format(id="secret"), encoding="utf-8")
    os.symlink(outside, root / "communities" / "people" / "secret.yaml")


def _symlink_folder_outside(root: Path) -> None:
    os.symlink("/etc", root / "communities" / "etc")


def _crlf() -> bytes:
    return (PERSON.format(id="crlf") + "nmae: x\n").replace("\n", "\r\n").encode()


def _bom() -> bytes:
    return b"\xef\xbb\xbf" + (PERSON.format(id="bom") + "nmae: x\n").encode()


CASES: list[Case] = [
    Case(
        "malformed",
        writes("people/bad.yaml", "apiVersion: copkit/v1\nkind: [Person\nid: x\n"),
        "COP001",
        "communities/people/bad.yaml",
        3,
        "malformed YAML",
    ),
    Case(
        "duplicate-key",
        writes("people/dup.yaml", PERSON.format(id="dup") + "name: Again\n"),
        "COP002",
        "communities/people/dup.yaml",
        5,
        "duplicate key 'name'",
    ),
    Case(
        "wrong-type",
        writes("people/wt.yaml", PERSON.format(id="wt") + "emails: a@example.org\n"),
        "COP104",
        "communities/people/wt.yaml",
        5,
        "must be a list",
    ),
    Case(
        "yaml11-no",
        writes(
            "people/no.yaml",
            PERSON.format(id="no") + "unit: ok\nskills:\n- skill: python\n  level: no\n",
        ),
        "COP104",
        "communities/people/no.yaml",
        8,
        "not 'no'",
    ),
    Case(
        "yaml11-on-key",
        writes("people/on.yaml", PERSON.format(id="on") + "on: push\n"),
        "COP103",
        "communities/people/on.yaml",
        5,
        "unknown field 'on'",
    ),
    Case(
        "yaml11-octal",
        writes("people/octal.yaml", PERSON.format(id="octal") + "unit: 0755\nnmae: x\n"),
        "COP103",
        "communities/people/octal.yaml",
        6,
        "unknown field 'nmae'",
    ),
    Case(
        "alias-bomb",
        writes("people/bomb.yaml", _alias_bomb),
        "COP003",
        "communities/people/bomb.yaml",
        0,
        "aliases expand",
    ),
    Case(
        "huge-file",
        writes("people/huge.yaml", _huge),
        "COP004",
        "communities/people/huge.yaml",
        0,
        "over the limit",
    ),
    Case(
        "latin-1",
        writes(
            "people/latin.yaml", (PERSON.format(id="latin") + "unit: Caf\xe9\n").encode("latin-1")
        ),
        "COP005",
        "communities/people/latin.yaml",
        5,
        "not UTF-8",
    ),
    Case(
        "binary",
        writes("people/bin.yaml", bytes(range(256)) * 4),
        "COP005",
        "communities/people/bin.yaml",
        2,
        "not UTF-8",
    ),
    Case(
        "unknown-reference",
        writes(
            "mle/practices/orphan.yaml",
            yaml.safe_dump(
                entity(
                    "Practice",
                    "orphan",
                    title="Orphan",
                    community="nowhere",
                    owners=["ada"],
                    status="draft",
                    summary="x",
                ),
                sort_keys=False,
            ),
        ),
        "COP108",
        "communities/mle/practices/orphan.yaml",
        5,
        "unknown community 'nowhere'",
    ),
    Case(
        "traversal-id",
        writes("people/x.yaml", PERSON.format(id="'../../x'")),
        "COP109",
        "communities/people/x.yaml",
        3,
        "slug",
    ),
    Case(
        "dotdot-id",
        writes("people/dd.yaml", PERSON.format(id="'..'")),
        "COP109",
        "communities/people/dd.yaml",
        3,
        "slug",
    ),
    Case(
        "slash-id",
        writes("people/s.yaml", PERSON.format(id="a/b")),
        "COP109",
        "communities/people/s.yaml",
        3,
        "slug",
    ),
    Case(
        "backslash-id",
        writes("people/bs.yaml", PERSON.format(id="'a\\b'")),
        "COP109",
        "communities/people/bs.yaml",
        3,
        "slug",
    ),
    Case(
        "deep-sequence",
        writes("people/deep.yaml", _deep_nesting),
        "COP104",
        "communities/people/deep.yaml",
        5,
        "must be text, not a list",
        big=True,
    ),
    Case(
        "deep-mapping",
        writes("people/deep-map.yaml", _deep_mapping),
        "COP104",
        "communities/people/deep-map.yaml",
        0,
        "unit",
        big=True,
    ),
    Case(
        "10k-list",
        writes("people/many.yaml", _many_interests),
        "COP108",
        "communities/people/many.yaml",
        0,
        "unknown tag 'topic-9999'",
        big=True,
    ),
    Case(
        "10k-members",
        writes("mle/mle.yaml", _many_members),
        "COP108",
        "communities/mle/mle.yaml",
        0,
        "unknown person 'p9999'",
        big=True,
    ),
    Case(
        "million-chars",
        writes("people/million.yaml", _million_name),
        "COP104",
        "communities/people/million.yaml",
        5,
        "at most 300 characters",
        big=True,
    ),
    Case(
        "zero-width-id",
        writes("people/zw.yaml", PERSON.format(id="a\u200bda")),
        "COP109",
        "communities/people/zw.yaml",
        3,
        "a\\u200bda",
    ),
    Case(
        "rtl-id",
        writes("people/rtl.yaml", PERSON.format(id="ad\u202ea")),
        "COP109",
        "communities/people/rtl.yaml",
        3,
        "ad\\u202ea",
    ),
    Case(
        "rtl-name",
        writes(
            "people/rtl-name.yaml",
            person_text("rtl-name", name="Eve \u202eevil\u202c\u200b") + "nmae: x\n",
        ),
        "COP103",
        "communities/people/rtl-name.yaml",
        5,
        "unknown field 'nmae'",
    ),
    Case(
        "crlf",
        writes("people/crlf.yaml", _crlf),
        "COP103",
        "communities/people/crlf.yaml",
        5,
        "unknown field 'nmae'",
    ),
    Case(
        "bom",
        writes("people/bom.yaml", _bom),
        "COP103",
        "communities/people/bom.yaml",
        5,
        "unknown field 'nmae'",
    ),
    Case(
        "space-in-name",
        writes("people/with space.yaml", PERSON.format(id="with-space")),
        "COP106",
        "communities/people/with space.yaml",
        3,
        "does not match the file name",
    ),
    Case(
        "non-ascii-name",
        writes("people/café.yaml", PERSON.format(id="cafe")),
        "COP106",
        "communities/people/café.yaml",
        3,
        "does not match the file name",
    ),
    Case(
        "case-collision-file",
        _case_collision,
        "COP106",
        "communities/people/Ada.yaml",
        3,
        "does not match",
    ),
    Case(
        "case-collision-folder",
        _case_collision_folders,
        "COP107",
        "communities/mle/practices/pin-data.yaml",
        3,
        "duplicate Practice id 'pin-data'",
    ),
    Case(
        "symlink-loop", _symlink_loop, "COP009", "communities/loop/a.yaml", 0, "points at nothing"
    ),
    Case(
        "symlink-outside",
        _symlink_outside,
        "COP009",
        "communities/people/secret.yaml",
        0,
        "outside the repository",
    ),
    Case(
        "symlink-folder-outside",
        _symlink_folder_outside,
        "COP009",
        "communities/etc",
        0,
        "outside the repository",
    ),
]
