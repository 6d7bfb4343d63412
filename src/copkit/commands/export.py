"""``copkit export backstage``: communities and people for a Backstage catalog."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import click
import yaml

from copkit.export.backstage import export_entities
from copkit.loader import load_repository
from copkit.reporting import get_reporter


def run_backstage(
    path: Path | None,
    out: Path,
    *,
    namespace: str,
    all_people: bool,
    today: dt.date | None,
) -> int:
    """Write ``org.yaml`` (Groups and Users) and ``catalog-info.yaml`` (a Location) to ``out``."""
    loaded = load_repository(path)
    if not loaded.ok:
        click.echo(get_reporter("text")(loaded.findings.sorted()), err=True, nl=False)
        click.echo("copkit: not exported: the repository is invalid", err=True)
        return 1
    entities = export_entities(
        loaded.repository, namespace=namespace, all_people=all_people, today=today
    )
    stream = io.StringIO()
    yaml.safe_dump_all(entities, stream, sort_keys=False, allow_unicode=True, width=1000)
    location = {
        "apiVersion": "backstage.io/v1alpha1",
        "kind": "Location",
        "metadata": {"name": "copkit-communities", "namespace": namespace},
        "spec": {"type": "file", "targets": ["./org.yaml"]},
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "org.yaml").write_text(stream.getvalue(), encoding="utf-8")
    (out / "catalog-info.yaml").write_text(
        yaml.safe_dump(location, sort_keys=False), encoding="utf-8"
    )
    groups = sum(1 for entity in entities if entity["kind"] == "Group")
    click.echo(
        f"wrote {groups} groups and {len(entities) - groups} users to {out / 'org.yaml'}",
        err=True,
    )
    return 0
