"""``copkit fmt``: rewrite entity files into the canonical layout, keeping comments."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from copkit.canonical import FormatError, canonical_text
from copkit.load.discovery import discover
from copkit.loader import UsageError, load_config_only


def run(paths: tuple[Path, ...], *, check: bool) -> int:
    """Format (or with ``check``, only inspect) entity files; return the exit code.

    ``paths`` are files or folders; none means the whole repository of the current folder.
    """
    files = [path for path in paths if path.is_file()]
    folders = [path for path in paths if not path.is_file()] or ([] if files else [Path.cwd()])
    start = folders[0] if folders else files[0].parent
    root, config = load_config_only(start)
    # Files named one by one (as pre-commit does) count only inside the data folder:
    # mkdocs.yml or a workflow is YAML too, but not an entity.
    data_root = (root / config.data).resolve()
    files = [path for path in files if path.resolve().is_relative_to(data_root)]
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"{folder}: no such file or folder")
        data_dir = folder / config.data if folder.resolve() == root else folder
        files.extend(discover(data_dir if data_dir.is_dir() else folder, root).files)
    changed: list[str] = []
    failed = 0
    for file in sorted(set(files)):
        relative = _relative(file, root)
        try:
            if file.stat().st_size > config.limits.max_file_bytes:
                click.echo(f"{relative}: not formatted: over the size limit", err=True)
                failed += 1
                continue
            text = file.read_text(encoding="utf-8")
            formatted = canonical_text(text, max_nodes=config.limits.max_yaml_nodes)
        except (OSError, UnicodeDecodeError) as error:
            click.echo(f"{relative}: cannot read: {error}", err=True)
            failed += 1
            continue
        except FormatError as error:
            click.echo(f"{relative}: not formatted: {error}", err=True)
            failed += 1
            continue
        if formatted == text:
            continue
        changed.append(relative)
        if check:
            click.echo(f"{relative}: not in canonical layout", err=True)
        else:
            # Through a link, rewrite its target and keep the link itself.
            _replace(file.resolve(), formatted)
            click.echo(f"formatted {relative}", err=True)
    verb = "would reformat" if check else "reformatted"
    click.echo(f"{verb} {len(changed)} of {len(set(files))} files", err=True)
    if failed or (check and changed):
        return 1
    return 0


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, keeping the file's permissions."""
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
