"""Turning a parsed document into a typed entity, or into findings a contributor can act on.

pydantic reports what is wrong; this module says it in a contributor's words, at the
line and column of the value, with a hint: the closest field name for a typo, the
quoting that keeps ``0755`` text, ``false`` for a YAML 1.1 ``no``.
"""

from __future__ import annotations

import difflib
import reprlib
import typing
from collections.abc import Sequence
from pathlib import PurePosixPath

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from copkit.custom.governance import CustomGovernance, ExtensionField
from copkit.findings import Finding
from copkit.load.document import Document
from copkit.model import ENTITY_MODELS, Entity
from copkit.model.introspect import document_keys, field_for_key, model_at

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


_NO_CUSTOM = CustomGovernance()
_MAX_FIELD_ERRORS = 20


def validate_document(
    document: Document, custom: CustomGovernance = _NO_CUSTOM
) -> Entity | list[Finding]:
    """The entity a document declares, or every problem with it (not just the first).

    Fields the organisation declared for the kind (``custom``) are checked against their
    JSON Schemas and kept out of the model; any other unknown field is an error.
    """
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
    extensions = custom.fields_of(kind) if isinstance(kind, str) else {}
    problems: list[Finding] = []
    if extensions and any(name in data for name in extensions):
        problems = _check_extensions(document, extensions)
        data = {key: value for key, value in data.items() if key not in extensions}
    try:
        entity = model.model_validate(data)
    except ValidationError as error:
        return [
            translate_error(document, model, detail, extra_fields=list(extensions))
            for detail in error.errors()
        ] + problems
    if problems:
        return problems
    stem = _stem(document.path)
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


def _stem(path: str) -> str:
    """``PurePosixPath(path).stem`` for a file's relative path, without building the path.

    Asked once per loaded file; building a path object costs about as much as the rest
    of this check.
    """
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _check_extensions(document: Document, extensions: dict[str, ExtensionField]) -> list[Finding]:
    """Every way the document's organisation fields differ from their schemas."""
    findings: list[Finding] = []
    for name, spec in extensions.items():
        if name not in document.data:
            continue
        value = document.data[name]
        if spec.validator.is_valid(value):
            continue
        errors = sorted(
            spec.validator.iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path]
        )
        for error in errors[:_MAX_FIELD_ERRORS]:
            loc = (name, *error.absolute_path)
            findings.append(
                _finding(
                    document,
                    "COP104",
                    f"{_describe(loc)}: {error.message}",
                    loc,
                    hint=spec.description or None,
                )
            )
    return findings


def translate_error(
    document: Document,
    model: type[BaseModel],
    detail: ErrorDetails,
    *,
    extra_fields: Sequence[str] = (),
) -> Finding:
    """One pydantic error, said for a contributor, at the right place.

    ``extra_fields`` are the organisation's own top-level fields, offered as names too.
    """
    loc = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    where = _describe(loc)
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1]) + (list(extra_fields) if len(loc) == 1 else [])
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


def field_path(loc: Sequence[str | int]) -> str:
    """A location as a contributor writes it: ``skills[0].level``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(loc: Sequence[str | int]) -> str:
    return f"'{field_path(loc)}'" if loc else "the document"


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


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    target = model_at(model, loc)
    return document_keys(target) if target is not None else []


def _field_description(model: type[BaseModel], loc: Sequence[str | int]) -> str | None:
    if not loc or isinstance(loc[-1], int):
        return None
    parent = model_at(model, loc[:-1])
    field = field_for_key(parent, loc[-1]) if parent is not None else None
    return field.description if field is not None else None
