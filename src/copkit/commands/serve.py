"""``copkit serve``: the knowledge site on a local address, rebuilt when data changes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from copkit.commands.build import config_file_for, default_config
from copkit.load.root import find_root
from copkit.loader import load_config_only
from copkit.mkdocs_plugin import REPOSITORY_ENV


def run(path: Path | None, dev_addr: str, *, strict: bool) -> int:
    """Serve the site of the repository at ``path`` until interrupted."""
    from mkdocs.commands.serve import serve

    root, _ = find_root(Path.cwd() if path is None else path)
    # mkdocs serve reloads its config on every rebuild: the plugin finds the repository
    # through the environment.
    os.environ[REPOSITORY_ENV] = str(root)
    with tempfile.TemporaryDirectory(prefix="copkit-serve-") as scratch:
        config_file = config_file_for(root)
        if config_file is None:
            title = load_config_only(root)[1].site.title
            docs = Path(scratch) / "docs"
            docs.mkdir()
            config_file = Path(scratch) / "mkdocs.yml"
            config_file.write_text(yaml.safe_dump(default_config(title, docs)), encoding="utf-8")
        serve(config_file=str(config_file), dev_addr=dev_addr, strict=strict, open_in_browser=False)
    return 0
