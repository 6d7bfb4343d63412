"""Loading a repository: find the root and config, read every file, validate, resolve.

``load_repository`` is the one entry point every command uses. It reports every
problem it finds in one run and never raises for bad input.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copkit.custom.compile import compile_custom
from copkit.custom.governance import CustomGovernance
from copkit.findings import Finding, Findings
from copkit.load.cache import ParseCache
from copkit.load.discovery import discover
from copkit.load.document import Document
from copkit.load.files import document_of, read_document
from copkit.load.prefetch import Prefetch
from copkit.load.root import find_root
from copkit.model.config import CONFIG_FILE_NAME, Config
from copkit.repository import Repository
from copkit.resolver import resolve
from copkit.usage import UsageError
from copkit.validation import translate_error, validate_document

__all__ = [
    "LoadResult",
    "UsageError",
    "collector_paused",
    "data_folder",
    "load_config",
    "load_config_only",
    "load_repository",
]


@dataclass
class LoadResult:
    """The repository as far as it could be read, and every finding on the way."""

    repository: Repository
    findings: Findings = field(default_factory=Findings)

    @property
    def ok(self) -> bool:
        return self.findings.count("error") == 0


def load_repository(path: Path | None = None, *, cache: ParseCache | None = None) -> LoadResult:
    """Load, validate and resolve the repository at ``path`` (default: the current folder).

    Parsed files are cached in the git directory of the repository (see
    :mod:`copkit.load.cache`) unless ``cache`` says otherwise: a snapshot of a past
    commit passes the cache of the repository it came from.
    """
    start = Path.cwd() if path is None else path
    if not start.exists():
        raise UsageError(f"{start}: no such file or folder")
    if not start.is_dir():
        raise UsageError(f"{start}: not a folder; give the repository folder")
    root, config_path = find_root(start)
    findings = Findings()
    config, config_document = _load_config(root, config_path, findings)
    custom = _compile(config, config_document, findings)
    data_dir = _data_folder(root, config, config_path)
    repository = Repository(
        root=root,
        data_dir=data_dir,
        config=config,
        config_path=config_path,
        config_document=config_document,
        custom=custom,
    )
    if not data_dir.is_dir():
        findings.add(
            Finding(
                "COP010",
                "error",
                f"the data folder {config.data!r} does not exist",
                CONFIG_FILE_NAME,
                hint="create it, or set `data:` in copkit.yaml to the folder holding entity files",
            )
        )
        return LoadResult(repository, findings)

    discovered = discover(data_dir, root)
    findings.extend(discovered.findings)
    if cache is None:
        cache = ParseCache.for_repository(root)
    documents: list[tuple[Document, object]] = []
    root_prefix = os.path.join(root, "")
    files = discovered.files
    helper = None
    if len(cache) * 2 < len(files):  # a cache holding most files leaves too little to parse
        helper = Prefetch.start(
            files,
            max_file_bytes=config.limits.max_file_bytes,
            max_nodes=config.limits.max_yaml_nodes,
            reader_version=cache.reader_version,
        )
    with collector_paused():
        # The helper's files are validated as they arrive, so that nothing of theirs is
        # left to do when the two meet; every file's outcome is then taken in file order.
        early: dict[int, tuple[str, Any, Document | Finding, object]] = {}
        try:
            for index, file in enumerate(files):
                if helper is not None:
                    for at, key, text, values in helper.arrived():
                        if at < index:  # read here already (a chunk reaching across the meeting)
                            continue
                        document = document_of(
                            _relative(files[at], root, root_prefix), text, values
                        )
                        checked = (
                            None
                            if isinstance(document, Finding)
                            else validate_document(document, custom)
                        )
                        early[at] = (key, values, document, checked)
                    if index >= helper.received_from:  # met: every file from here has arrived
                        helper.close()
                        helper = None
                if index in early:
                    key, values, read, result = early.pop(index)
                    cache.note(key, values)
                else:
                    read = read_document(
                        file, _relative(file, root, root_prefix), config.limits, cache
                    )
                    result = None if isinstance(read, Finding) else validate_document(read, custom)
                if isinstance(read, Finding):
                    findings.add(read)
                elif isinstance(result, list):
                    findings.extend(result)
                else:
                    documents.append((read, result))
        finally:
            if helper is not None:
                helper.close()
        # Saved before resolving: a helper writing it starts now, on a core otherwise idle.
        cache.save()  # its thousands of new lists would set off full collections otherwise
        findings.extend(resolve(repository, documents))
    return LoadResult(repository, findings)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a repository is read (or used).

    Everything loading creates stays alive (documents, entities, indexes), so each
    collection would walk a growing heap and free nothing: 7-8% of the load. Reference
    counting still frees what is dropped; the collector is restored afterwards. Commands
    that keep the repository to the end pause it for their whole run (as a decorator:
    ``@collector_paused()``); their phases after the load (history, rules, scores, the
    graph) would otherwise pay a full collection over the loaded heap every few hundred
    thousand new objects, a cost that grew faster than the organisation.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _relative(file: Path, root: Path, root_prefix: str) -> str:
    """``file`` relative to ``root``, with forward slashes."""
    name = str(file)
    if name.startswith(root_prefix):  # as relative_to, without its cost per file
        return name[len(root_prefix) :].replace(os.sep, "/")
    return file.relative_to(root).as_posix()


def data_folder(path: Path | None) -> tuple[Path, Path]:
    """The root and data folder :func:`load_repository` will read for ``path``.

    For starting work that needs only the folders (``git log``) before the load.
    """
    start = Path.cwd() if path is None else path
    if not start.is_dir():
        raise UsageError(f"{start}: not a folder; give the repository folder")
    root, config_path = find_root(start)
    config = _load_config(root, config_path, Findings())[0]
    return root, _data_folder(root, config, config_path)


def _data_folder(root: Path, config: Config, config_path: Path | None) -> Path:
    data_dir = root / config.data
    if config_path is None and not data_dir.is_dir():
        data_dir = root  # a bare folder of entity files
    return data_dir


def load_config_only(path: Path | None) -> tuple[Path, Config]:
    """The repository root and its config, for commands that do not load entities.

    A broken config falls back to defaults here; ``copkit validate`` reports it.
    """
    start = Path.cwd() if path is None else path
    if not start.is_dir():
        raise UsageError(f"{start}: not a folder; give the repository folder")
    root, config_path = find_root(start)
    return root, _load_config(root, config_path, Findings())[0]


def load_config(path: Path | None) -> tuple[Path, Config, CustomGovernance, Findings]:
    """The repository root, its config, its compiled governance and any config problems."""
    start = Path.cwd() if path is None else path
    if not start.is_dir():
        raise UsageError(f"{start}: not a folder; give the repository folder")
    root, config_path = find_root(start)
    findings = Findings()
    config, document = _load_config(root, config_path, findings)
    return root, config, _compile(config, document, findings), findings


def _compile(config: Config, document: Document | None, findings: Findings) -> CustomGovernance:
    custom, problems = compile_custom(config, document)
    findings.extend(problems)
    return custom


def _load_config(
    root: Path, config_path: Path | None, findings: Findings
) -> tuple[Config, Document | None]:
    if config_path is None:
        return Config(), None
    relative = os.path.relpath(config_path, root).replace(os.sep, "/")
    read = read_document(config_path, relative, Config().limits)
    if isinstance(read, Finding):
        findings.add(read)
        return Config(), None
    try:
        return Config.model_validate(read.data), read
    except Exception as error:  # pydantic.ValidationError; kept broad for odd inputs
        from pydantic import ValidationError

        if not isinstance(error, ValidationError):
            raise
        findings.extend(translate_error(read, Config, detail) for detail in error.errors())
        return Config(), read
