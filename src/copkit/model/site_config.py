"""`site:` in copkit.yaml: options of the knowledge site."""

from __future__ import annotations

from pydantic import Field

from copkit.model.common import Strict


class SiteConfig(Strict):
    """Options of the knowledge site."""

    title: str = Field(default="Communities of practice", description="The site's title.")
