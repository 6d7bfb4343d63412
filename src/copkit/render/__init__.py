"""The knowledge site: a pure renderer from the resolved repository to pages."""

from __future__ import annotations

from copkit.render.site import RenderedSite, render_site, template_environment

__all__ = ["RenderedSite", "render_site", "template_environment"]
