"""Property-based tests of the loader, the validator and the canonical writer.

* Any text, and any bytes, in an entity file gives either an entity or findings that
  name the file (with a line where there is one), never an unhandled exception.
* A valid entity written out (by copkit's own writer, as ``copkit new`` does, and by
  PyYAML, as other tools would) and read back is the same entity.
* ``copkit fmt`` keeps every value, and formatting twice changes nothing more.

Settings suit CI: derandomized (the same examples every run), bounded, no deadline.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from copkit.canonical import FormatError, canonical_text
from copkit.findings import Finding
from copkit.load.document import Document
from copkit.load.files import read_document
from copkit.load.yaml_reader import YamlProblem, parse
from copkit.model import ENTITY_MODELS
from copkit.model.config import Limits
from copkit.scaffold import render
from copkit.validation import validate_document
from tests.conftest import minimal_entities

CI = settings(
    deadline=None,
    max_examples=150,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
LIMITS = Limits(max_file_bytes=64 * 1024, max_yaml_nodes=2_000)
RELATIVE = "communities/people/fuzz.yaml"

# Pieces of YAML syntax, entity structure and known trouble, for texts that get past
# the first character far more often than random text does.
TOKENS = [
    "apiVersion: copkit/v1\n", "kind: Person\n", "kind: Practice\n", "kind: Community\n",
    "id: fuzz\n", "name: ", "title: ", "status: ", "owners:\n", "skills:\n",
    "- ", "  ", "    ", ": ", ", ", "\n", "\r\n", "\t", "[", "]", "{", "}", "'", '"', "#",
    "&a ", "*a", "&b [*a, *a]", "!!python/object:os.system ", "!!binary ", "!tag ",
    "---\n", "...\n", "? ", "|\n", ">-\n", "%YAML 1.1\n", "<<: *a\n", "\ufeff", "\x00",
    "\x85", "\u2028", "0755", "0x1F", "1e3", "no", "on", "~", "null", "2026-13-45",
    "2026-01-01", ".inf", "- skill: python\n    level: expert\n", "level: no\n",
]  # fmt: skip

yaml_like = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=40).map(
    "".join
)


def load_text(tmp_path: Path, content: str | bytes, name: str = "fuzz") -> list[Finding] | Any:
    """What the loader makes of one file: its findings, or the validated entity."""
    path = tmp_path / f"{name}.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass", newline="")
    else:
        path.write_bytes(content)
    document = read_document(path, RELATIVE.replace("fuzz", name), LIMITS)
    if isinstance(document, Finding):
        return [document]
    assert isinstance(document, Document)
    return validate_document(document)


def assert_located(result: list[Finding] | Any) -> None:
    if not isinstance(result, list):
        assert type(result).__name__ in ENTITY_MODELS
        return
    assert result, "an invalid file must give at least one finding"
    for finding in result:
        assert finding.path == RELATIVE
        assert finding.code.startswith("COP")
        assert finding.message
        assert "\n" not in finding.message
        assert finding.line >= 0
        assert finding.column >= 0
        if finding.code in ("COP001", "COP002"):
            assert finding.line >= 1, finding


@CI
@given(text=yaml_like)
def test_any_yaml_like_text_gives_an_entity_or_located_findings(tmp_path: Path, text: str) -> None:
    assert_located(load_text(tmp_path, text))


@CI
@given(text=st.text())
def test_any_text_gives_an_entity_or_located_findings(tmp_path: Path, text: str) -> None:
    assert_located(load_text(tmp_path, text))


@CI
@given(data=st.binary(max_size=400))
def test_any_bytes_give_an_entity_or_located_findings(tmp_path: Path, data: bytes) -> None:
    assert_located(load_text(tmp_path, data))


# Valid entities: the minimal organisation's documents, with their text fields replaced.
SEEDS = list(minimal_entities().values())
TEXT_FIELDS = ("name", "title", "summary", "unit", "solution", "problem")
field_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)


@st.composite
def valid_entities(draw: st.DrawFn) -> dict[str, Any]:
    document = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    model = ENTITY_MODELS[document["kind"]]
    fields = [name for name in TEXT_FIELDS if name in model.model_fields]
    for name in draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields))):
        document[name] = draw(field_text)
    try:
        model.model_validate(document)
    except ValidationError:
        assume(False)
    return document


def number_in_yaml_12_only(value: object) -> bool:
    """Text PyYAML (YAML 1.1) writes unquoted that copkit (YAML 1.2) reads as a number."""
    if not isinstance(value, str):
        return False
    plain_in_11 = yaml.SafeLoader.resolve(  # type: ignore[attr-defined]
        yaml.SafeLoader("x"), yaml.ScalarNode, value, (True, False)
    )
    try:
        read = parse(f"v: {value}\n", max_nodes=10)
    except YamlProblem:
        return False
    return plain_in_11 == "tag:yaml.org,2002:str" and not isinstance(read.get("v"), str)


def entity_of(tmp_path: Path, text: str, name: str) -> Any:
    result = load_text(tmp_path, text, name)
    assert not isinstance(result, list), [f"{f.code} {f.message}" for f in result]
    return result


@CI
@given(document=valid_entities())
def test_a_valid_entity_written_by_copkit_reads_back_the_same(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    kind = document["kind"]
    expected = ENTITY_MODELS[kind].model_validate(document)
    text = render(kind, document, schema_ref="schema.json")
    assert entity_of(tmp_path, text, document["id"]) == expected


@CI
@given(document=valid_entities())
def test_a_valid_entity_written_by_pyyaml_reads_back_the_same(
    tmp_path: Path, document: dict[str, Any]
) -> None:
    # PyYAML's emitter writes NEL (U+0085) raw inside single quotes, where every reader
    # (PyYAML's own too) folds it into a space: a PyYAML bug, not a property of copkit.
    assume("\x85" not in str(document))
    # PyYAML writes YAML 1.1, where `0E0` or `1e3` is text, so it leaves them unquoted;
    # copkit reads YAML 1.2 numbers, so such a value is a number there (and a text field
    # holding one gets COP104 "put it in quotes"). Not a round trip to hold PyYAML to.
    assume(not any(number_in_yaml_12_only(value) for value in document.values()))
    expected = ENTITY_MODELS[document["kind"]].model_validate(document)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    assert entity_of(tmp_path, text, document["id"]) == expected


@CI
@given(document=valid_entities(), order=st.randoms(use_true_random=False))
def test_fmt_keeps_every_value_and_is_idempotent(document: dict[str, Any], order: Any) -> None:
    keys = list(document)
    order.shuffle(keys)
    text = yaml.safe_dump({key: document[key] for key in keys}, sort_keys=False, width=60)
    formatted = canonical_text(text)
    assert parse(formatted, max_nodes=10_000) == parse(text, max_nodes=10_000)
    assert canonical_text(formatted) == formatted


@CI
@given(text=yaml_like)
def test_fmt_on_any_text_formats_or_refuses_cleanly(text: str) -> None:
    try:
        before = parse(text, max_nodes=2_000)
    except YamlProblem:
        before = None
    try:
        formatted = canonical_text(text, max_nodes=2_000)
    except FormatError:
        return
    assert parse(formatted, max_nodes=2_000) == before
