"""``copkit build``: the knowledge site, built with MkDocs into a folder, atomically.

The site's configuration is the repository's ``site/mkdocs.yml`` (hand-written pages,
theme overrides) or, without one, a default Material configuration. The build goes to
a temporary folder beside the target, which replaces the old site only on success.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import yaml

from copkit.load.root import find_root
from copkit.loader import UsageError

SITE_CONFIG = Path("site") / "mkdocs.yml"


def default_config(title: str, docs_dir: Path) -> dict[str, Any]:
    """The mkdocs.yml used for a repository without ``site/mkdocs.yml``."""
    return {
        "site_name": title,
        "docs_dir": str(docs_dir),
        "theme": {"name": "material", "font": False, "features": ["search.highlight"]},
        "plugins": ["search", "copkit"],
        "markdown_extensions": ["tables", "attr_list", "toc"],
    }


def config_file_for(root: Path) -> Path | None:
    candidate = root / SITE_CONFIG
    return candidate if candidate.is_file() else None


@contextlib.contextmanager
def mkdocs_config(
    root: Path, *, site_dir: Path | None, strict: bool, **overrides: Any
) -> Iterator[Any]:
    """The loaded MkDocs config for the repository at ``root``, plugin pointed at it."""
    from mkdocs.config import load_config

    from copkit.loader import load_config_only

    with tempfile.TemporaryDirectory(prefix="copkit-docs-") as scratch:
        config_file = config_file_for(root)
        options: dict[str, Any] = {"strict": strict, **overrides}
        if site_dir is not None:
            options["site_dir"] = str(site_dir)
        if config_file is None:
            # Only copkit.yaml: the plugin loads the entities (loading them here as well
            # doubled the build's loading time and memory).
            title = load_config_only(root)[1].site.title
            text = yaml.safe_dump(default_config(title, Path(scratch) / "docs"))
            (Path(scratch) / "docs").mkdir()
            stream = io.StringIO(text)
            stream.name = str(Path(scratch) / "mkdocs.yml")
            config = load_config(config_file=stream, **options)
        else:
            config = load_config(config_file=str(config_file), **options)
        plugin = config.plugins.get("copkit")
        if plugin is None:
            raise UsageError(
                f"{config_file}: the copkit plugin is not enabled; add `copkit` under `plugins:`"
            )
        plugin.config.repository = str(root)
        yield config


def swap_into(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built``; the old folder is removed only afterwards."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(built, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_stale(target: Path) -> None:
    """Remove staging and old folders beside ``target`` left by builds that were killed.

    Their names carry the builder's process id; a folder whose process is still alive
    (a concurrent build) is left alone.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:build|old)-(\d+)(?:-.*)?")
    for candidate in target.parent.iterdir():
        match = pattern.fullmatch(candidate.name)
        if match is None or not candidate.is_dir() or _alive(int(match.group(1))):
            continue
        shutil.rmtree(candidate, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _log_handler() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    return handler


def _note_missing_history(config: Any) -> None:
    """Say so when the site was built without git history (its pages show it unknown)."""
    reason = getattr(config.plugins.get("copkit"), "history_missing", None)
    if reason:
        click.echo(f"copkit: note: built without git history: {reason}", err=True)


def run(path: Path | None, site_dir: Path | None, *, strict: bool) -> int:
    """Build the site for the repository at ``path``; return the exit code."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    root, _ = find_root(Path.cwd() if path is None else path)
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder")
    handler = _log_handler()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    staging: Path | None = None
    try:
        with mkdocs_config(root, site_dir=None, strict=strict) as config:
            target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            remove_stale(target)
            staging = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.build-{os.getpid()}-", dir=target.parent)
            )
            config.site_dir = str(staging)
            build(config)
            _note_missing_history(config)
        swap_into(staging, target)
        staging = None
    except MkDocsException as error:
        click.echo(f"copkit: build failed: {error}", err=True)
        return 1
    finally:
        logger.removeHandler(handler)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    click.echo(f"copkit: site built in {target}", err=True)
    return 0
