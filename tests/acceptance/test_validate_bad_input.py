"""Every kind of bad input gets one clear finding with a location and exit code 1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import RepoWriter, entity, run_copkit

PERSON = "apiVersion: copkit/v1\nkind: Person\nid: {id}\nname: Someone\n"


def findings_of(repo: RepoWriter) -> tuple[int, list[dict[str, object]], str]:
    result = run_copkit("validate", str(repo.root), "--format", "json")
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


def only(findings: list[dict[str, object]], path: str) -> dict[str, object]:
    matching = [f for f in findings if f["path"] == f"communities/{path}"]
    assert len(matching) == 1, findings
    return matching[0]


CASES: list[tuple[str, str | bytes, str, str, int]] = [
    # (name, file content, expected code, message fragment, expected line)
    ("malformed", "apiVersion: copkit/v1\nkind: [Person\nid: x\n", "COP001", "malformed YAML", 3),
    ("tab", "apiVersion: copkit/v1\nkind: Person\nskills:\n\t- python\n", "COP001", "tab", 4),
    (
        "duplicate-key",
        PERSON.format(id="dup") + "name: Again\n",
        "COP002",
        "duplicate key 'name' (first at line 4)",
        5,
    ),
    ("empty", "", "COP006", "empty", 0),
    ("comment-only", "# nothing here\n", "COP006", "empty", 0),
    (
        "two-documents",
        PERSON.format(id="two-documents") + "---\n" + PERSON.format(id="other"),
        "COP007",
        "more than one YAML document",
        5,
    ),
    ("list", "- apiVersion: copkit/v1\n- kind: Person\n", "COP008", "a list, not a mapping", 1),
    ("scalar", "just some text\n", "COP008", "not a mapping", 1),
    (
        "unknown-kind",
        "apiVersion: copkit/v1\nkind: Practise\nid: unknown-kind\n",
        "COP101",
        "unknown kind 'Practise'",
        2,
    ),
    (
        "unknown-field",
        PERSON.format(id="unknown-field") + "emials: [a@example.org]\n",
        "COP103",
        "unknown field 'emials'",
        5,
    ),
    (
        "wrong-type",
        PERSON.format(id="wrong-type") + "emails: a@example.org\n",
        "COP104",
        "'emails' must be a list",
        5,
    ),
    (
        "number-as-text",
        "apiVersion: copkit/v1\nkind: Person\nid: number-as-text\nname: 12\n",
        "COP104",
        "must be text",
        4,
    ),
    ("dotdot-id", PERSON.format(id="'../x'"), "COP109", "lowercase slug", 3),
    ("slash-id", PERSON.format(id="a/b"), "COP109", "lowercase slug", 3),
    ("upper-id", PERSON.format(id="Upper-ID"), "COP109", "lowercase slug", 3),
    ("id-mismatch", PERSON.format(id="someone-else"), "COP106", "does not match the file name", 3),
    (
        "missing-field",
        "apiVersion: copkit/v1\nkind: Person\nid: missing-field\n",
        "COP105",
        "missing required field 'name'",
        1,
    ),
    (
        "bad-date",
        PERSON.format(id="bad-date") + "joined: 2026-02-30\n",
        "COP104",
        "not a calendar date",
        5,
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "code", "fragment", "line"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_bad_file_gets_one_located_finding_and_exit_1(
    repo: RepoWriter, name: str, content: str, code: str, fragment: str, line: int
) -> None:
    repo.write(f"people/{name}.yaml", content)
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    finding = only(findings, f"people/{name}.yaml")
    assert finding["code"] == code
    assert fragment in str(finding["message"])
    assert finding["line"] == line
    assert finding["severity"] == "error"


def test_yaml11_boolean_is_text_and_says_how_to_fix(repo: RepoWriter) -> None:
    repo.write(
        "mle/practices/on-call.yaml",
        entity(
            "Practice",
            "on-call",
            title="On call",
            community="mle",
            owners=["ada"],
            status="draft",
            summary="s",
        ),
    )
    # `status: no` stays the text "no" (not False) and is refused as a status.
    path = repo.data / "mle/practices/on-call.yaml"
    path.write_text(path.read_text().replace("status: draft", "status: no"))
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    finding = only(findings, "mle/practices/on-call.yaml")
    assert "'status' must be one of" in str(finding["message"])
    assert "not 'no'" in str(finding["message"])


def test_unknown_field_suggests_the_closest_name(repo: RepoWriter) -> None:
    repo.write("people/typo.yaml", PERSON.format(id="typo") + "emials: []\n")
    _, findings, _ = findings_of(repo)
    assert only(findings, "people/typo.yaml")["hint"] == "did you mean 'emails'?"


def test_alias_bomb_is_refused_quickly(repo: RepoWriter) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    repo.write("people/bomb.yaml", "\n".join(lines) + "\n")
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    finding = only(findings, "people/bomb.yaml")
    assert finding["code"] == "COP003"
    assert "aliases expand" in str(finding["message"])


def test_huge_file_is_refused_without_being_parsed(repo: RepoWriter) -> None:
    path = repo.data / "people/huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"apiVersion: copkit/v1\nkind: Person\nid: huge\nname: '")
        handle.write(b"x" * (50 * 1024 * 1024))
        handle.write(b"'\n")
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    finding = only(findings, "people/huge.yaml")
    assert finding["code"] == "COP004"
    assert "over the limit of 1,048,576" in str(finding["message"])


def test_latin1_bytes_are_located(repo: RepoWriter) -> None:
    repo.write(
        "people/latin.yaml", (PERSON.format(id="latin") + "unit: Caf\xe9\n").encode("latin-1")
    )
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    finding = only(findings, "people/latin.yaml")
    assert finding["code"] == "COP005"
    assert (finding["line"], finding["column"]) == (5, 10)


def test_unknown_person_names_both_ends(repo: RepoWriter) -> None:
    path = repo.data / "mle/practices/pin-data.yaml"
    path.write_text(path.read_text().replace("- ada", "- adda"))
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    finding = only(findings, "mle/practices/pin-data.yaml")
    assert finding["code"] == "COP108"
    assert finding["message"] == "unknown person 'adda'"
    assert finding["hint"] == "did you mean 'ada'?"
    assert (finding["line"], finding["column"]) == (7, 3)


def test_two_entities_with_one_id_point_at_each_other(repo: RepoWriter) -> None:
    repo.write("mle/ada.yaml", PERSON.format(id="ada"))
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    duplicate = only(findings, "people/ada.yaml")
    assert duplicate["code"] == "COP107"
    assert "already defined in communities/mle/ada.yaml:3" in str(duplicate["message"])


def test_symlink_out_of_the_repository_is_not_followed(repo: RepoWriter, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text(PERSON.format(id="secret"))
    os.symlink(outside, repo.data / "people" / "secret.yaml")
    os.symlink(tmp_path, repo.data / "people" / "loop")
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    finding = only(findings, "people/secret.yaml")
    assert finding["code"] == "COP009"
    assert "outside the repository" in str(finding["message"])
    assert not any("Someone" in str(f["message"]) for f in findings)


def test_all_problems_are_reported_in_one_run(repo: RepoWriter) -> None:
    repo.write("people/one.yaml", "")
    repo.write("people/two.yaml", "- a\n")
    repo.write("people/three.yaml", PERSON.format(id="three") + "nmae: x\n")
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    assert {f["path"] for f in findings} == {
        "communities/people/one.yaml",
        "communities/people/two.yaml",
        "communities/people/three.yaml",
    }


def test_octal_looking_text_stays_text_and_is_no_number(repo: RepoWriter) -> None:
    repo.write("people/octal.yaml", PERSON.format(id="octal") + "unit: 0755\n")
    repo.write(
        "mle/mle-charter.yaml",
        "apiVersion: copkit/v1\nkind: Charter\nid: mle-charter\ncommunity: mle\n"
        "version: 1.2\nmission: m\nreview_date: 2027-01-01\n"
        "governance:\n  decision_making: consensus\n  quorum: 0755\n",
    )
    exit_code, findings, _ = findings_of(repo)
    assert exit_code == 1
    assert not [f for f in findings if f["path"] == "communities/people/octal.yaml"]
    charter = sorted(
        (f for f in findings if f["path"] == "communities/mle/mle-charter.yaml"),
        key=lambda f: int(str(f["line"])),
    )
    assert [f["line"] for f in charter] == [5, 10]
    assert "must be text, but YAML read 1.2 as a number" in str(charter[0]["message"])
    assert charter[0]["hint"] == 'put it in quotes: "1.2"'
    assert "must be a number, not the text '0755'" in str(charter[1]["message"])
