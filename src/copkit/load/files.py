"""Reading one entity file from disk into a :class:`Document`, within the loader's limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copkit.findings import Finding
from copkit.load.cache import ParseCache
from copkit.load.document import Document
from copkit.load.reading import read_bounded
from copkit.load.yaml_reader import YamlProblem, parse
from copkit.model.config import Limits


def read_document(
    path: Path,
    relative: str,
    limits: Limits,
    cache: ParseCache | None = None,
) -> Document | Finding:
    """The parsed document, or the one finding that says why it cannot be read.

    With a ``cache``, a file whose bytes parsed before takes its values from there.
    """
    try:
        size, raw = read_bounded(path, limits.max_file_bytes)
    except OSError as error:
        return Finding("COP009", "error", f"cannot read file: {error.strerror}", relative)
    return document_from_bytes(raw, size, relative, limits, cache)


def document_from_bytes(
    raw: bytes,
    size: int,
    relative: str,
    limits: Limits,
    cache: ParseCache | None = None,
) -> Document | Finding:
    """The parsed document of a file of ``size`` bytes whose first bytes are ``raw`` (all
    of them, unless it is over ``limits.max_file_bytes``), or why it cannot be read."""
    if size > limits.max_file_bytes:
        return Finding(
            "COP004",
            "error",
            f"the file is {size:,} bytes, over the limit of {limits.max_file_bytes:,}",
            relative,
            hint="split it up, or raise `limits.max_file_bytes` in copkit.yaml",
        )
    if len(raw) > limits.max_file_bytes:  # grew between stat and read
        return Finding("COP004", "error", "the file is over the size limit", relative)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Finding(
            "COP005",
            "error",
            f"the file is not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded",
            relative,
            line,
            column,
            hint="save the file as UTF-8 (it looks like Latin-1 or Windows-1252)",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    key = None
    if cache is not None and cache.enabled:
        key = cache.key(raw, limits.max_yaml_nodes)
    hit, data = cache.get(key) if cache is not None and key is not None else (False, None)
    if not hit:
        try:
            data = parse(text, max_nodes=limits.max_yaml_nodes)
        except YamlProblem as problem:
            return Finding(
                problem.code,
                "error",
                problem.message,
                relative,
                problem.line,
                problem.column,
                problem.hint,
            )
        if cache is not None and key is not None:
            cache.put(key, data)
    return document_of(relative, text, data)


def document_of(relative: str, text: str, data: Any) -> Document | Finding:
    """The document of a file whose text parsed to ``data``, or why it is not an entity's."""
    if data is None:
        return Finding(
            "COP006",
            "error",
            "the file is empty",
            relative,
            hint="write an entity (apiVersion, kind, id, ...) or delete the file",
        )
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        return Finding(
            "COP008",
            "error",
            f"the document is {kind}, not a mapping of fields",
            relative,
            1,
            1,
            hint="an entity file is a mapping: `apiVersion: copkit/v1`, `kind: ...`, `id: ...`",
        )
    return Document(relative, text, data)
