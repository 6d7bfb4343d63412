"""The canonical layout of an entity file, applied without losing comments.

Key order follows the model (``apiVersion``, ``kind``, ``id``, then the kind's fields in
the order the schema lists them); lists are block style indented by two; text that a
YAML 1.1 reader would take for a boolean, number or null is quoted so that every tool
reads the same value. Comments stay attached to the key they follow (ruamel.yaml
round-trip). A rewrite is kept only if the file still means exactly the same values.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from copkit.load.yaml_reader import YamlProblem, parse
from copkit.model import ENTITY_MODELS
from copkit.model.introspect import child_model, document_keys

# Plain scalars that YAML 1.1 tools (PyYAML, many CI and editor plugins) would not read
# as text: booleans, nulls, octal / hex / sexagesimal numbers, floats, timestamps.
_AMBIGUOUS = re.compile(
    r"""^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    |~|null|Null|NULL|
    |[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)
    |[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\s].*)?)$""",
    re.VERBOSE,
)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters a YAML writer may leave raw in a quoted scalar although a reader takes them
# for line breaks (NEL, LS, PS) or cannot print them: such text is written with escapes.
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


MAX_DEPTH = 64
"""Deepest nesting the formatter takes on: entity files are a few levels deep, and the
round-trip YAML library recurses once per level (thousands of levels crash it)."""


class FormatError(Exception):
    """The file cannot be formatted safely; it is left as it was."""


def _depth(value: Any) -> int:
    """How deeply lists and mappings nest in ``value`` (without recursing)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict | list):
            level += 1
            deepest = max(deepest, level)
            stack.extend(
                (child, level) for child in (node.values() if isinstance(node, dict) else node)
            )
    return deepest


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = False
    yaml.allow_duplicate_keys = False
    return yaml


def canonical_text(text: str, *, max_nodes: int = 100_000) -> str:
    """``text`` in the canonical layout; raises :class:`FormatError` when unsafe."""
    try:
        before = parse(text, max_nodes=max_nodes)
    except YamlProblem as problem:
        raise FormatError(f"{problem.line}:{problem.column}: {problem.message}") from None
    if not isinstance(before, dict):
        raise FormatError("the document is not a mapping")
    if _depth(before) > MAX_DEPTH:
        raise FormatError(f"the document nests more than {MAX_DEPTH} levels deep; left as it was")
    model = ENTITY_MODELS.get(str(before.get("kind")))
    yaml = _yaml()
    stream = io.StringIO()
    try:
        document = yaml.load(text)
        _arrange(document, model)
        yaml.dump(document, stream)
    except YAMLError as error:
        raise FormatError(f"cannot read for formatting: {error}") from None
    except RecursionError:
        raise FormatError("the document is nested too deeply to format") from None
    result = stream.getvalue()
    try:
        after = parse(result, max_nodes=max_nodes)
    except YamlProblem as problem:  # pragma: no cover - would be a formatter bug
        raise FormatError(f"formatting would break the file: {problem.message}") from None
    if after != before:
        raise FormatError("formatting would change the file's values; left as it was")
    return result


def _arrange(node: Any, model: type[BaseModel] | None) -> None:
    if isinstance(node, CommentedMap):
        order = _field_order(model)
        for key in [key for key in order if key in node] + [
            k for k in list(node) if k not in order
        ]:
            node.move_to_end(key)
        for key in list(node):
            node[key] = _scalar(node[key])
            _arrange(node[key], child_model(model, key))
    elif isinstance(node, CommentedSeq):
        node.fa.set_block_style()
        for index, value in enumerate(node):
            node[index] = _scalar(value)
            _arrange(node[index], model)


def with_escapes(value: Any) -> Any:
    """``value`` (plain dicts, lists, scalars) with text that needs escapes marked for them,
    so a round-trip YAML writer does not put line-break characters raw in quotes."""
    if isinstance(value, dict):
        return {key: with_escapes(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_escapes(item) for item in value]
    if isinstance(value, str) and _NEEDS_ESCAPES.search(value):
        return DoubleQuotedScalarString(value)
    return value


def _scalar(value: Any) -> Any:
    """Dates written plain; text that other YAML readers would misread, quoted."""
    if not isinstance(value, str):
        return value
    if _NEEDS_ESCAPES.search(value):
        return DoubleQuotedScalarString(value)
    if _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return SingleQuotedScalarString(value)
    if _AMBIGUOUS.match(value):
        return SingleQuotedScalarString(value)
    return value


def _field_order(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return ["apiVersion", "kind", "id"]
    names = document_keys(model)
    head = [name for name in ("apiVersion", "kind", "id") if name in names]
    return head + [name for name in names if name not in head]
