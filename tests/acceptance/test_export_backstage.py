"""Exported Backstage entities satisfy what Backstage's catalog requires of a Group and a User.

The checks below follow Backstage's catalog-model: the entity envelope, the Kubernetes-style
name / label / annotation rules, the DNS-label rule for namespaces and tags, and the Group
(v1alpha1) and User (v1alpha1) kind schemas, plus consistency of the entity references.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from copkit.export.backstage import backstage_name
from tests.conftest import RepoWriter, entity, run_copkit

DNS_LABEL = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OBJECT_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
KIND = re.compile(r"^[a-zA-Z][a-z0-9A-Z]*$")


def dns_label(value: object) -> bool:
    return isinstance(value, str) and 1 <= len(value) <= 63 and bool(DNS_LABEL.match(value))


def dns_subdomain(value: str) -> bool:
    return 1 <= len(value) <= 253 and all(dns_label(part) for part in value.split("."))


def object_name(value: object) -> bool:
    return isinstance(value, str) and 1 <= len(value) <= 63 and bool(OBJECT_NAME.match(value))


def prefixed(value: object, suffix_ok: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = value.split("/")
    if len(parts) == 1:
        return bool(suffix_ok(parts[0]))
    return len(parts) == 2 and dns_subdomain(parts[0]) and bool(suffix_ok(parts[1]))


def nonempty_string(value: object) -> bool:
    return isinstance(value, str) and len(value) >= 1


def check_entity(document: dict[str, Any]) -> list[str]:
    """Problems Backstage's catalog would reject the entity for (empty when valid)."""
    problems: list[str] = []
    api = document.get("apiVersion")
    if not prefixed(api, lambda n: 1 <= len(n) <= 63 and n.isalnum()):
        problems.append(f"apiVersion {api!r}")
    if api not in ("backstage.io/v1alpha1", "backstage.io/v1beta1"):
        problems.append("apiVersion not one Group/User accept")
    if not (isinstance(document.get("kind"), str) and KIND.match(document["kind"])):
        problems.append("kind")
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return [*problems, "metadata missing"]
    if not object_name(metadata.get("name")):
        problems.append(f"metadata.name {metadata.get('name')!r}")
    if "namespace" in metadata and not dns_label(metadata["namespace"]):
        problems.append("metadata.namespace")
    for key in ("title", "description"):
        if key in metadata and not isinstance(metadata[key], str):
            problems.append(f"metadata.{key}")
    for key, value in metadata.get("labels", {}).items():
        if not prefixed(key, object_name) or not (value == "" or object_name(value)):
            problems.append(f"label {key}={value!r}")
    for key, value in metadata.get("annotations", {}).items():
        if not prefixed(key, object_name) or not isinstance(value, str):
            problems.append(f"annotation {key}")
    for tag in metadata.get("tags", []):
        if not dns_label(tag):
            problems.append(f"tag {tag!r}")
    for link in metadata.get("links", []):
        url = urlparse(str(link.get("url", "")))
        if not (url.scheme and url.netloc):
            problems.append(f"link {link!r}")
        if "title" in link and not nonempty_string(link["title"]):
            problems.append("link title")
    spec = document.get("spec")
    if not isinstance(spec, dict):
        return [*problems, "spec missing"]
    profile = spec.get("profile", {})
    for key in ("displayName", "email", "picture"):
        if key in profile and not nonempty_string(profile[key]):
            problems.append(f"profile.{key}")
    if document["kind"] == "Group":
        if not nonempty_string(spec.get("type")):
            problems.append("spec.type")
        if not isinstance(spec.get("children"), list):
            problems.append("spec.children is required")
        for key in ("children", "members"):
            if not all(nonempty_string(item) for item in spec.get(key, [])):
                problems.append(f"spec.{key}")
        for key in ("parent", "leader"):
            if key in spec and not nonempty_string(spec[key]):
                problems.append(f"spec.{key}")
    elif document["kind"] == "User" and not all(
        nonempty_string(item) for item in spec.get("memberOf", [])
    ):
        problems.append("spec.memberOf")
    return problems


def ref(entity: dict[str, Any]) -> str:
    metadata = entity["metadata"]
    return f"{entity['kind'].lower()}:{metadata.get('namespace', 'default')}/{metadata['name']}"


def export(repo: RepoWriter, tmp_path: Path, *extra: str) -> list[dict[str, Any]]:
    out = tmp_path / "backstage"
    result = run_copkit(
        "export", "backstage", str(repo.root), "-o", str(out), "--today", "2026-06-01", *extra
    )
    assert result.returncode == 0, result.stderr
    location = yaml.safe_load((out / "catalog-info.yaml").read_text())
    assert check_entity(location) == []
    assert location["spec"]["targets"] == ["./org.yaml"]
    return list(yaml.safe_load_all((out / "org.yaml").read_text()))


def test_every_exported_entity_is_valid_for_backstage(repo: RepoWriter, tmp_path: Path) -> None:
    repo.write(
        "mle/mle.yaml",
        entity(
            "Community",
            "mle",
            name="ML Engineering",
            summary="People who ship models.\nAcross teams.",
            stage="active",
            domain=["mlops"],
            channels=[
                {"type": "chat", "name": "#ml-eng", "url": "https://chat.example.org/ml"},
                {"type": "mailing-list", "name": "list", "url": "mailto:ml@example.org"},
            ],
            leads=[
                {"person": "ada", "role": "chair", "since": "2025-01-01"},
                {"person": "bob", "role": "co-chair", "since": "2024-01-01", "until": "2025-12-31"},
            ],
            members=[{"person": "ada", "level": "core"}, {"person": "bob", "level": "active"}],
        ),
    )
    entities = export(repo, tmp_path)
    for document in entities:
        assert check_entity(document) == [], document
    refs = {ref(document) for document in entities}
    groups = {ref(d): d for d in entities if d["kind"] == "Group"}
    users = {ref(d): d for d in entities if d["kind"] == "User"}
    for group_ref, group in groups.items():
        for child in group["spec"]["children"]:
            assert groups[child]["spec"]["parent"] == group_ref
        for member in group["spec"].get("members", []):
            assert member in users
            assert group_ref in users[member]["spec"]["memberOf"]
        assert group["spec"].get("leader", next(iter(users))) in refs
    community = groups["group:default/mle"]
    assert community["spec"]["type"] == "community-of-practice"
    assert community["spec"]["leader"] == "user:default/ada"  # bob's term has ended
    assert community["spec"]["profile"]["email"] == "ml@example.org"
    assert community["metadata"]["links"] == [
        {"url": "https://chat.example.org/ml", "title": "#ml-eng"}
    ]
    assert community["metadata"]["description"] == "People who ship models. Across teams."
    assert sorted(users) == ["user:default/ada", "user:default/bob"]


def test_long_ids_get_short_stable_unique_names() -> None:
    first = "a" * 70
    second = "a" * 69 + "b"
    assert object_name(backstage_name(first))
    assert backstage_name(first) != backstage_name(second)
    assert backstage_name(first) == backstage_name(first)
    assert backstage_name("short-id") == "short-id"


def test_export_refuses_an_invalid_repository(repo: RepoWriter, tmp_path: Path) -> None:
    repo.write("people/broken.yaml", "- not a mapping\n")
    result = run_copkit("export", "backstage", str(repo.root), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "not exported" in result.stderr
    assert not (tmp_path / "out").exists()


def test_namespace_must_be_a_dns_label(repo: RepoWriter, tmp_path: Path) -> None:
    result = run_copkit(
        "export", "backstage", str(repo.root), "-o", str(tmp_path / "o"), "--namespace", "Bad_NS"
    )
    assert result.returncode == 2
