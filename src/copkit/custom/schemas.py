"""JSON Schemas written by an organisation, compiled so that checking cannot hang or leak.

* Every ``pattern`` and ``patternProperties`` regex runs on RE2 (linear time, no
  backtracking); a regex RE2 cannot compile (backreferences, lookarounds) is refused
  when the config loads.
* ``$ref`` / ``$dynamicRef`` may only point inside the same schema (``#...``); the
  reference registry refuses to retrieve anything, so a check never touches the network.
* A schema is at most :data:`MAX_SCHEMA_BYTES` as JSON and :data:`MAX_DEPTH` deep; a regex
  at most :data:`MAX_PATTERN_LENGTH` characters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import re2  # type: ignore[import-untyped]
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

MAX_SCHEMA_BYTES = 65_536
"""Largest schema accepted, measured as compact JSON."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and lists in a schema."""
MAX_PATTERN_LENGTH = 1_000
"""Longest regular expression accepted in ``pattern`` or ``patternProperties``."""
_RE2_MAX_MEM = 8 << 20

Loc = tuple[str | int, ...]


class SchemaProblem(ValueError):
    """A schema that cannot be used; ``loc`` is the path inside the schema."""

    def __init__(self, loc: Loc, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


class PatternError(ValueError):
    """A regex RE2 cannot run, or one that is too long."""


def _options() -> Any:
    options = re2.Options()
    options.log_errors = False  # RE2 would print to stderr; copkit reports the error itself
    options.max_mem = _RE2_MAX_MEM
    return options


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> Any:
    """The RE2 program for ``pattern``; raises :class:`PatternError` with RE2's reason."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"the regex is longer than {MAX_PATTERN_LENGTH} characters")
    try:
        return re2.compile(pattern, options=_options())
    except re2.error as error:
        reason = error.args[0] if error.args else "cannot compile"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(
            f"RE2 cannot run this regex ({reason}); backreferences and lookarounds "
            "are not supported"
        ) from None


def _search(pattern: str, text: str) -> bool:
    return compile_pattern(pattern).search(text) is not None


# -- keywords that run regexes, on RE2 --------------------------------------------------


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: dict[str, Any], instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if _search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(
    validator: Any, additional: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = [
        key
        for key in instance
        if key not in properties and not any(_search(pattern, key) for pattern in patterns)
    ]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif additional is False and extras:
        shown = ", ".join(repr(extra) for extra in sorted(extras))
        yield ValidationError(
            f"unexpected {'property' if len(extras) == 1 else 'properties'} {shown}"
        )


SafeValidator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
    },
)
"""Draft 2020-12 with every regex on RE2."""

_FORMATS = FormatChecker()


@_FORMATS.checks("regex", raises=PatternError)
def _is_re2_regex(value: object) -> bool:
    if isinstance(value, str):
        compile_pattern(value)
    return True


_META = Draft202012Validator(Draft202012Validator.META_SCHEMA, format_checker=_FORMATS)


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


_REGISTRY: Registry[Any] = Registry(retrieve=_refuse)  # type: ignore[call-arg]


def compile_schema(schema: object) -> Validator:
    """A validator for ``schema``, compiled once; raises :class:`SchemaProblem`."""
    if not isinstance(schema, dict | bool):
        raise SchemaProblem((), "a JSON Schema is a mapping (or true / false)")
    size = len(json.dumps(schema, separators=(",", ":"), default=str))
    if size > MAX_SCHEMA_BYTES:
        raise SchemaProblem((), f"the schema is {size} bytes as JSON; at most {MAX_SCHEMA_BYTES}")
    _check_shape(schema, ())
    error = best_match(_META.iter_errors(schema))
    if error is not None:
        loc: Loc = tuple(error.absolute_path)
        if error.validator == "format" and isinstance(error.instance, str):
            cause = error.cause
            reason = str(cause) if cause is not None else "RE2 cannot run this regex"
            raise SchemaProblem(loc, f"regex {error.instance!r}: {reason}")
        raise SchemaProblem(loc, f"not a valid JSON Schema: {error.message}")
    validator: Validator = SafeValidator(schema, registry=_REGISTRY)
    return validator


def _check_shape(node: object, loc: Loc) -> None:
    if len(loc) > MAX_DEPTH:
        raise SchemaProblem(loc, f"the schema is nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, dict):
        for key, value in node.items():
            local = not isinstance(value, str) or value.startswith("#")
            if key in ("$ref", "$dynamicRef") and not local:
                raise SchemaProblem(
                    (*loc, key),
                    f"{key} {value!r} points outside this schema; only local "
                    "references (`#/$defs/...`) are allowed, nothing is fetched",
                )
            if key in ("enum", "const", "default", "examples"):
                continue
            _check_shape(value, (*loc, key))
        if "unevaluatedProperties" in node and _has_key(node, "patternProperties"):
            raise SchemaProblem(
                (*loc, "unevaluatedProperties"),
                "`unevaluatedProperties` cannot be combined with `patternProperties` here",
            )
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _check_shape(value, (*loc, index))


def _has_key(node: object, wanted: str) -> bool:
    if isinstance(node, dict):
        return wanted in node or any(_has_key(value, wanted) for value in node.values())
    if isinstance(node, list):
        return any(_has_key(value, wanted) for value in node)
    return False


def first_error(validator: Validator, instance: object) -> ValidationError | None:
    """The most relevant reason ``instance`` fails, or None when it is valid."""
    if validator.is_valid(instance):  # type: ignore[arg-type]
        return None
    error: ValidationError | None = best_match(validator.iter_errors(instance))  # type: ignore[arg-type]
    return error
