"""`site:` in copkit.yaml: options of the knowledge site."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from copkit.model.common import ShortText, Slug, Strict
from copkit.model.practice import PracticeStatus


class RadarRing(Strict):
    """One ring of the adoption radar and the practice statuses it holds."""

    name: ShortText = Field(description="The ring's label, for example `Adopt`.")
    statuses: list[PracticeStatus] = Field(
        min_length=1, description="Practice statuses placed in this ring."
    )


def _default_rings() -> list[RadarRing]:
    # The technology-radar reading of the practice lifecycle (DOMAIN.md).
    return [
        RadarRing(name="Adopt", statuses=["adopted"]),
        RadarRing(name="Trial", statuses=["trial"]),
        RadarRing(name="Assess", statuses=["proposed", "draft"]),
        RadarRing(name="Hold", statuses=["deprecated"]),
    ]


class RadarConfig(Strict):
    """Rings and sectors of the practice adoption radar."""

    rings: list[RadarRing] = Field(
        default_factory=_default_rings,
        min_length=1,
        max_length=12,
        description="Rings from the centre outwards. Practices whose status no ring names "
        "are left off the radar.",
    )
    sectors: Literal["community", "tag"] = Field(
        default="community", description="What the radar's sectors are: communities or tags."
    )
    sector_tags: list[Slug] = Field(
        default_factory=list,
        description="With `sectors: tag`, the tags that get a sector, in order; empty means "
        "the most used tags.",
    )
    max_sectors: int = Field(
        default=8, ge=1, le=32, description="Most sectors drawn; the rest are merged as `other`."
    )


class SiteConfig(Strict):
    """Options of the knowledge site."""

    title: str = Field(default="Communities of practice", description="The site's title.")
    changelog_days: int = Field(
        default=42,
        ge=1,
        le=3660,
        description="How many days back the changelog reaches, counted from the newest commit.",
    )
    history_entries: int = Field(
        default=25,
        ge=1,
        le=1000,
        description="Most commits listed in a practice's history.",
    )
    directory_page_size: int = Field(
        default=1000,
        ge=1,
        le=100_000,
        description="Most rows on one page of a directory (people, the practice catalog, the "
        "radar's list); a longer directory continues on numbered pages linked from each.",
    )
    expertise_names: int = Field(
        default=20,
        ge=1,
        le=100_000,
        description="Most people named in one cell of the expertise page when the skill has "
        "its own page; the rest are counted there and listed on the skill's page.",
    )
    templates: str = Field(
        default="site/templates",
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$",
        description="Folder, relative to the repository root, whose Jinja2 templates take "
        "precedence over the ones copkit ships (same file names).",
    )
    radar: RadarConfig = Field(default_factory=RadarConfig, description="The adoption radar.")
