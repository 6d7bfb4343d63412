"""Turning a parsed document into a typed entity, or into findings a contributor can act on.

pydantic reports what is wrong; this module says it in a contributor's words, at the
line and column of the value, with a hint: the closest field name for a typo, the
quoting that keeps ``0755`` text, ``false`` for a YAML 1.1 ``no``.
"""

from __future__ import annotations

import difflib
import reprlib
import types
import typing
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from copkit.findings import Finding
from copkit.load.document import Document
from copkit.model import ENTITY_MODELS, Entity

_YAML11_BOOLEANS = {
    "yes": "true",
    "no": "false",
    "on": "true",
    "off": "false",
    "y": "true",
    "n": "false",
}
_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60


def validate_document(document: Document) -> Entity | list[Finding]:
    """The entity a document declares, or every problem with it (not just the first)."""
    data = document.data
    kind = data.get("kind")
    if kind is None:
        return [
            _finding(
                document,
                "COP105",
                "missing required field 'kind'",
                (),
                hint=f"add `kind:` with one of {', '.join(ENTITY_MODELS)}",
            )
        ]
    model = ENTITY_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        return [
            _finding(
                document,
                "COP101",
                f"unknown kind {_short.repr(kind)}",
                ("kind",),
                hint=_did_you_mean(str(kind), ENTITY_MODELS)
                or f"use one of {', '.join(ENTITY_MODELS)}",
            )
        ]
    try:
        entity = model.model_validate(data)
    except ValidationError as error:
        return [translate_error(document, model, detail) for detail in error.errors()]
    stem = PurePosixPath(document.path).stem
    if entity.id != stem:
        file_name = PurePosixPath(document.path).name
        return [
            _finding(
                document,
                "COP106",
                f"the id {entity.id!r} does not match the file name {file_name!r}",
                ("id",),
                hint=f"rename the file to {entity.id}.yaml, or set `id: {stem}`"
                if _is_slug(stem)
                else f"rename the file to {entity.id}.yaml",
            )
        ]
    return entity


def translate_error(document: Document, model: type[BaseModel], detail: ErrorDetails) -> Finding:
    """One pydantic error, said for a contributor, at the right place."""
    loc = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    where = _describe(loc)
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        field = str(loc[-1])
        hint = _did_you_mean(field, known) or (
            f"known fields here: {', '.join(known)}" if known else None
        )
        return _finding(
            document, "COP103", f"unknown field {field!r}{_in(loc[:-1])}", loc, key=True, hint=hint
        )
    if kind == "missing":
        return _finding(
            document,
            "COP105",
            f"missing required field {str(loc[-1])!r}{_in(loc[:-1])}",
            loc[:-1],
            key=True,
            hint=_field_description(model, loc),
        )
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        options = [part.strip(" '") for part in str(expected).replace(" or ", ",").split(",")]
        hint = _did_you_mean(str(value), options) if isinstance(value, str) else None
        if isinstance(value, bool) and loc[-1:] != ("kind",):
            hint = "YAML read this as a boolean; put the word in quotes"
        return _finding(
            document,
            "COP104",
            f"{where} must be one of {expected}, not {_short.repr(value)}",
            loc,
            hint=hint or f"use one of {expected}",
        )
    if kind == "string_type" and isinstance(value, bool | int | float):
        written = document.source_of(loc) or str(value)
        return _finding(
            document,
            "COP104",
            f"{where} must be text, but YAML read {written} as a {_yaml_type(value)}",
            loc,
            hint=f'put it in quotes: "{written}"',
        )
    if kind == "string_type":
        return _finding(
            document,
            "COP104",
            f"{where} must be text, not {_describe_value(value)}",
            loc,
            hint="write the value on one line, in quotes if it contains `:` or `#`",
        )
    if kind == "bool_type" and isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
        return _finding(
            document,
            "COP104",
            f"{where} must be true or false; {value!r} is text, not a boolean",
            loc,
            hint=f"write {_YAML11_BOOLEANS[value.lower()]} (YAML 1.1 words like yes/no/on/off "
            "are not booleans in copkit)",
        )
    if kind in ("int_type", "float_type") and isinstance(value, str):
        return _finding(
            document,
            "COP104",
            f"{where} must be a number, not the text {_short.repr(value)}",
            loc,
            hint="write a plain decimal number such as 42 or 0.5, without quotes or leading zeros",
        )
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        expected = "a list" if kind == "list_type" else "a mapping of fields"
        return _finding(
            document,
            "COP104",
            f"{where} must be {expected}, not {_describe_value(value)}",
            loc,
            hint="a list is written with `- ` items; a mapping with `key: value` lines"
            if kind == "list_type"
            else "write the fields as indented `key: value` lines",
        )
    if kind == "string_pattern_mismatch" and "@" in str(detail.get("ctx", {}).get("pattern", "")):
        return _finding(
            document,
            "COP104",
            f"{where} must be an e-mail address, not {_short.repr(value)}",
            loc,
            hint="write the address as name@example.org",
        )
    message = detail["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    code = "COP109" if loc[-1:] == ("id",) else "COP104"
    return _finding(
        document,
        code,
        f"{where}: {message[:1].lower()}{message[1:]} (got {_short.repr(value)})",
        loc,
        hint=_field_description(model, loc),
    )


def _finding(
    document: Document,
    code: str,
    message: str,
    loc: Sequence[str | int],
    *,
    key: bool = False,
    hint: str | None = None,
) -> Finding:
    line, column = document.locate(loc, key=key)
    return Finding(code, "error", message, document.path, line, column, hint)


def _describe(loc: Sequence[str | int]) -> str:
    if not loc:
        return "the document"
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"'{text}'"


def _in(loc: Sequence[str | int]) -> str:
    return f" in {_describe(loc)}" if loc else ""


def _yaml_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    return "number"


def _describe_value(value: object) -> str:
    if isinstance(value, str):
        return f"the text {_short.repr(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "an empty value"
    return _short.repr(value)


def _did_you_mean(word: str, candidates: typing.Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {matches[0]!r}?" if matches else None


def _is_slug(text: str) -> bool:
    return text.islower() and text.replace("-", "").isalnum() and text.isascii()


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``loc``, if there is one."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            field = next((f for f in current.model_fields.values() if f.alias == part), None)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The model class inside ``list[X]``, ``X | None`` and ``Annotated[X, ...]``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if not args:
                return None
            annotation = args[0]
        else:
            return annotation


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    target = _model_at(model, loc)
    if target is None:
        return []
    return [field.alias or name for name, field in target.model_fields.items()]


def _field_description(model: type[BaseModel], loc: Sequence[str | int]) -> str | None:
    if not loc or isinstance(loc[-1], int):
        return None
    parent = _model_at(model, loc[:-1])
    if parent is None:
        return None
    field = parent.model_fields.get(str(loc[-1]))
    if field is None:
        field = next((f for f in parent.model_fields.values() if f.alias == loc[-1]), None)
    return field.description if field is not None else None
