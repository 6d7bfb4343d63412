"""Communities as Backstage ``Group`` entities and people as ``User`` entities.

The mapping (documented in ``site/docs/reference/backstage.md``):

* one umbrella Group (``spec.type: community-of-practice-network``) whose children are
  all communities, so Backstage shows them together;
* each community becomes a Group with ``spec.type: community-of-practice``, the umbrella
  as ``parent``, its members and leads as ``members``, its longest-serving current lead
  as ``leader``, its channels as ``metadata.links``, its domain tags as
  ``metadata.tags`` and its stage as a label;
* each person who belongs to a community (or every person, with ``all_people``) becomes
  a User with ``profile.displayName`` / ``email`` and ``memberOf`` their communities.

Backstage names are at most 63 characters; longer copkit ids are shortened with a hash
suffix so that names stay unique and stable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from copkit.model import Community, Person
from copkit.repository import Repository

API_VERSION = "backstage.io/v1alpha1"
GROUP_TYPE = "community-of-practice"
NETWORK_TYPE = "community-of-practice-network"
ANNOTATION_PREFIX = "copkit.dev"


def backstage_name(identifier: str) -> str:
    """A valid Backstage ``metadata.name`` (1-63 characters) for a copkit id."""
    if len(identifier) <= 63:
        return identifier
    digest = hashlib.sha256(identifier.encode()).hexdigest()[:8]
    return f"{identifier[:54].rstrip('-')}-{digest}"


def export_entities(
    repository: Repository,
    *,
    namespace: str = "default",
    network_name: str = "communities-of-practice",
    all_people: bool = False,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Backstage entities for the repository, in a stable order: umbrella, groups, users."""
    today = today or dt.date.today()
    communities = sorted(repository.communities.values(), key=lambda c: c.id)
    umbrella_ref = f"group:{namespace}/{network_name}"
    entities: list[dict[str, Any]] = [
        {
            "apiVersion": API_VERSION,
            "kind": "Group",
            "metadata": {
                "name": network_name,
                "namespace": namespace,
                "title": repository.config.site.title,
                "description": "Communities of practice, exported by copkit.",
            },
            "spec": {
                "type": NETWORK_TYPE,
                "profile": {"displayName": repository.config.site.title},
                "children": [_group_ref(c, namespace) for c in communities],
            },
        }
    ]
    members_of: dict[str, list[str]] = {}
    for community in communities:
        entities.append(_group(repository, community, namespace, umbrella_ref, today))
        for person in _people_of(community):
            members_of.setdefault(person, []).append(_group_ref(community, namespace))
    for person_id in sorted(repository.people if all_people else members_of):
        entities.append(
            _user(repository.people[person_id], namespace, members_of.get(person_id, []))
        )
    return entities


def _group(
    repository: Repository,
    community: Community,
    namespace: str,
    umbrella_ref: str,
    today: dt.date,
) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "name": backstage_name(community.id),
        "namespace": namespace,
        "title": community.name,
        "description": " ".join(community.summary.split()),
        "labels": {f"{ANNOTATION_PREFIX}/stage": community.stage},
        "annotations": {
            f"{ANNOTATION_PREFIX}/community-id": community.id,
            f"{ANNOTATION_PREFIX}/source": repository.path_of(community),
        },
    }
    tags = [tag for tag in community.domain if len(tag) <= 63]
    if tags:
        metadata["tags"] = tags
    links = [
        {"url": channel.url, "title": channel.name}
        for channel in community.channels
        if channel.url and channel.url.startswith(("https://", "http://"))
    ]
    if links:
        metadata["links"] = links
    spec: dict[str, Any] = {
        "type": GROUP_TYPE,
        "profile": {"displayName": community.name},
        "parent": umbrella_ref,
        "children": [],
        "members": [_user_ref(person, namespace) for person in _people_of(community)],
    }
    email = next(
        (
            channel.url.removeprefix("mailto:")
            for channel in community.channels
            if channel.url and channel.url.startswith("mailto:")
        ),
        None,
    )
    if email:
        spec["profile"]["email"] = email
    current = [lead for lead in community.leads if lead.until is None or lead.until >= today]
    if current:
        leader = min(current, key=lambda lead: (lead.since, lead.person))
        spec["leader"] = _user_ref(leader.person, namespace)
    return {"apiVersion": API_VERSION, "kind": "Group", "metadata": metadata, "spec": spec}


def _user(person: Person, namespace: str, member_of: list[str]) -> dict[str, Any]:
    profile: dict[str, Any] = {"displayName": person.name}
    if person.emails:
        profile["email"] = person.emails[0]
    metadata: dict[str, Any] = {"name": backstage_name(person.id), "namespace": namespace}
    description = ", ".join(part for part in (person.title, person.unit) if part)
    if description:
        metadata["description"] = description
    if person.handle:
        metadata["annotations"] = {"github.com/user-login": person.handle}
    return {
        "apiVersion": API_VERSION,
        "kind": "User",
        "metadata": metadata,
        "spec": {"profile": profile, "memberOf": sorted(member_of)},
    }


def _people_of(community: Community) -> list[str]:
    people = {member.person for member in community.members}
    people.update(lead.person for lead in community.leads)
    return sorted(people)


def _group_ref(community: Community, namespace: str) -> str:
    return f"group:{namespace}/{backstage_name(community.id)}"


def _user_ref(person: str, namespace: str) -> str:
    return f"user:{namespace}/{backstage_name(person)}"
