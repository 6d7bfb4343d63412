"""The strict YAML reader: YAML 1.2 scalars, refusals with positions, lazy locations."""

from __future__ import annotations

import gc

import pytest

from copkit.load.document import Document
from copkit.load.yaml_reader import YamlProblem, parse
from copkit.loader import collector_paused
from copkit.validation import validate_document


def read(text: str, max_nodes: int = 10_000) -> object:
    return parse(text, max_nodes=max_nodes)


@pytest.mark.parametrize("word", ["on", "off", "yes", "no", "y", "n", "Yes", "NO"])
def test_yaml11_boolean_words_stay_text(word: str) -> None:
    assert read(f"a: {word}\n") == {"a": word}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("False", False),
        ("12", 12),
        ("-3", -3),
        ("0", 0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_core_schema_scalars_keep_their_type(text: str, value: object) -> None:
    assert read(f"a: {text}\n") == {"a": value}


@pytest.mark.parametrize("text", ["0755", "0x1F", "0o17", "1_000", "10:30", "2026-01-05", ".inf"])
def test_yaml11_numbers_and_timestamps_stay_text(text: str) -> None:
    assert read(f"a: {text}\n") == {"a": text}


def test_duplicate_key_is_refused_at_the_second_key() -> None:
    with pytest.raises(YamlProblem) as caught:
        read("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (caught.value.code, caught.value.line, caught.value.column) == ("COP002", 4, 3)
    assert "first at line 3" in caught.value.message


def test_python_tags_are_never_constructed() -> None:
    with pytest.raises(YamlProblem) as caught:
        read("a: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert caught.value.code == "COP001"
    assert "not allowed" in caught.value.message


def test_merge_keys_are_refused() -> None:
    with pytest.raises(YamlProblem, match="merge keys"):
        read("base: &b {x: 1}\nother:\n  <<: *b\n")


def test_plain_aliases_are_allowed_within_the_bound() -> None:
    assert read("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_alias_expansion_beyond_the_bound_is_refused() -> None:
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    text += "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    with pytest.raises(YamlProblem) as caught:
        read(text, max_nodes=500)
    assert caught.value.code == "COP003"


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(YamlProblem) as caught:
        read("a: &a [*a]\n")
    assert caught.value.code == "COP003"


def test_control_character_is_located() -> None:
    with pytest.raises(YamlProblem) as caught:
        read("a: 1\nb: x\x07y\n")
    assert (caught.value.line, caught.value.column) == (2, 5)


def test_non_text_keys_are_refused() -> None:
    with pytest.raises(YamlProblem, match="a key must be text"):
        read("1: one\n")


def test_deep_nesting_becomes_a_finding_not_a_crash() -> None:
    depth = 5000
    text = "apiVersion: copkit/v1\nkind: Person\nid: deep\nname: " + "[" * depth + "]" * depth
    document = Document("people/deep.yaml", text, read(text))
    findings = validate_document(document)
    assert isinstance(findings, list)
    assert [(f.code, f.line) for f in findings] == [("COP104", 4)]
    assert findings[0].message == "'name' must be text, not a list"


def test_document_locates_values_keys_and_missing_fields() -> None:
    text = "kind: Practice\nowners:\n  - ada\n  - bob\napprovals:\n  - person: cy\n"
    document = Document("x.yaml", text, read(text))
    assert document.locate(("owners", 1)) == (4, 5)
    assert document.locate(("approvals", 0, "person")) == (6, 13)
    assert document.locate(("approvals", 0, "person"), key=True) == (6, 5)
    assert document.locate(("approvals", 0, "date")) == (6, 5)
    assert document.source_of(("kind",)) == "Practice"


def test_parsing_leaves_no_reference_cycles_for_the_collector() -> None:
    # Loading runs with the cyclic collector paused: garbage in cycles would pile up per file.
    text = "id: a\nitems:\n  - {name: b, tags: [x, y]}\n  - 3\nnested: {deep: {deeper: true}}\n"
    read(text)  # the first parse may create lasting caches
    gc.collect()
    with collector_paused():
        for _ in range(50):
            assert read(text) == {
                "id": "a",
                "items": [{"name": "b", "tags": ["x", "y"]}, 3],
                "nested": {"deep": {"deeper": True}},
            }
        assert gc.collect() == 0


def test_collector_paused_as_a_decorator_pauses_each_call_and_restores() -> None:
    @collector_paused()
    def inside() -> bool:
        return gc.isenabled()

    @collector_paused()
    def failing() -> None:
        raise RuntimeError("boom")

    assert gc.isenabled()
    assert inside() is False
    assert inside() is False  # a second call pauses again
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        failing()
    assert gc.isenabled()
