"""Where each page of the site lives. Every path is built from a checked slug."""

from __future__ import annotations

import posixpath
import re

_SAFE_SEGMENT = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")

HOME = "index.md"
PRACTICES = "practices/index.md"
PEOPLE = "people/index.md"
EXPERTISE = "people/expertise.md"
RADAR = "radar.md"
CHANGELOG = "changelog.md"
TAGS = "tags/index.md"
RULES = "rules/index.md"
KNOWLEDGE = "knowledge/index.md"
SKILLS = "skills/index.md"
NETWORK = "network.md"
ASSET_DIR = "assets/copkit"
CHART_DIR = f"{ASSET_DIR}/charts"


class UnsafePathError(ValueError):
    """An id that could form a path of its own (``..``, ``/``); never written."""


def segment(value: str) -> str:
    """``value`` if it is a safe slug that cannot leave its folder."""
    if not _SAFE_SEGMENT.fullmatch(value) or "--" in value:
        raise UnsafePathError(f"{value!r} is not a safe page name")
    return value


def community(community_id: str) -> str:
    return f"communities/{segment(community_id)}/index.md"


def contributors(community_id: str) -> str:
    return f"communities/{segment(community_id)}/contributors.md"


def practice(practice_id: str) -> str:
    return f"practices/{segment(practice_id)}.md"


def person(person_id: str) -> str:
    return f"people/{segment(person_id)}.md"


def skill(skill_id: str) -> str:
    return f"skills/{segment(skill_id)}.md"


def tag(tag_id: str) -> str:
    return f"tags/{segment(tag_id)}.md"


def asset(asset_id: str) -> str:
    return f"knowledge/{segment(asset_id)}.md"


def rule(code: str) -> str:
    return f"rules/{segment(code.lower())}.md"


def chart(kind: str, entity_id: str) -> str:
    return f"{CHART_DIR}/{segment(kind)}-{segment(entity_id)}.svg"


def continuation(first: str, number: int) -> str:
    """Page ``number`` (2, 3, ...) of the directory whose first page is ``first``.

    In a ``pages`` folder beside the first page, named by the number: entity pages live
    directly in their kind's folder, so none of them can take a continuation's path.
    """
    if number < 2:
        raise ValueError("the first page of a directory is the directory's own path")
    folder = first.removesuffix("/index.md") if first.endswith("/index.md") else first[:-3]
    return f"{folder}/pages/{number}.md"


def relative(target: str, page: str) -> str:
    """The link from ``page`` to ``target`` (both docs-relative, ``/`` separated)."""
    # Both paths are docs-relative and normalised: no need for relpath's os.getcwd().
    start = posixpath.dirname(page).split("/") if "/" in page else []
    parts = target.split("/")
    common = 0
    while common < min(len(start), len(parts) - 1) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])
