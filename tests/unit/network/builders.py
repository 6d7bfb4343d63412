"""Small hand-built organisations for the network tests, loaded for real."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from copkit.history import email_index, read_history
from copkit.loader import load_repository
from copkit.network.graph import build_graph
from tests.conftest import CONFIG, RepoWriter, entity

SKILLS = [
    ("python", "Python", "Writing Python code."),
    ("drift-monitoring", "Model drift monitoring", "Watching models in production for drift."),
    ("fairness", "Fairness auditing", "Checking models for bias."),
    ("kubernetes", "Kubernetes", "Running containers."),
    ("rust", "Rust", "Systems programming in Rust."),
    ("wasm", "WebAssembly", "Compiling to the web."),
    ("sql", "SQL", "Querying databases."),
]
TAGS = [("mlops", "MLOps"), ("ethics", "AI ethics"), ("data", "Data")]


def person(pid: str, *, skills: dict[str, str] | None = None, **fields: Any) -> dict[str, Any]:
    return entity(
        "Person",
        pid,
        name=pid.capitalize(),
        emails=[f"{pid}@example.org"],
        skills=[{"skill": s, "level": level} for s, level in (skills or {}).items()],
        **fields,
    )


def community(
    cid: str,
    *,
    members: dict[str, str],
    domain: list[str] | None = None,
    stage: str = "active",
    **fields: Any,
) -> dict[str, Any]:
    people = list(members)
    return entity(
        "Community",
        cid,
        name=cid.upper(),
        summary=f"The {cid} community.",
        stage=stage,
        domain=domain or [],
        leads=[{"person": p, "role": "co-lead", "since": "2025-01-01"} for p in people[:2]],
        members=[{"person": p, "level": level} for p, level in members.items()],
        **fields,
    )


def practice(pid: str, cid: str, *, owners: list[str], **fields: Any) -> dict[str, Any]:
    fields.setdefault("title", pid.replace("-", " ").capitalize())
    fields.setdefault("summary", "A practice.")
    return entity("Practice", pid, community=cid, owners=owners, status="trial", **fields)


def write_org(root: Path, documents: dict[str, dict[str, Any]]) -> RepoWriter:
    """Write copkit.yaml, the shared taxonomy and ``documents`` (path -> document)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "copkit.yaml").write_text(CONFIG, encoding="utf-8")
    writer = RepoWriter(root)
    writer.write("vocabulary.yaml", taxonomy())
    for relative, document in documents.items():
        writer.write(relative, document)
    return writer


def taxonomy() -> dict[str, Any]:
    return entity(
        "Taxonomy",
        "vocabulary",
        title="Vocabulary",
        tags=[{"id": i, "label": label} for i, label in TAGS],
        skills=[{"id": i, "label": label, "description": d} for i, label, d in SKILLS],
    )


def graph_of(root: Path) -> nx.MultiDiGraph[str]:
    """Load the repository at ``root`` (it must be valid) and build its graph."""
    result = load_repository(root)
    assert result.ok, [finding.message for finding in result.findings]
    repository = result.repository
    history = read_history(repository.root, repository.data_dir, email_index(repository.people))
    return build_graph(repository, history)


def org_graph(root: Path, documents: dict[str, dict[str, Any]]) -> nx.MultiDiGraph[str]:
    write_org(root, documents)
    return graph_of(root)
