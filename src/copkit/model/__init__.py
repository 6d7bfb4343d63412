"""Pydantic models of every entity kind, and the registry from ``kind`` to model."""

from __future__ import annotations

from copkit.model.asset import KnowledgeAsset
from copkit.model.charter import Charter
from copkit.model.common import API_VERSION, Entity
from copkit.model.community import Community
from copkit.model.config import Config
from copkit.model.event import Event
from copkit.model.metric import Metric
from copkit.model.objective import Objective
from copkit.model.person import Person
from copkit.model.practice import Practice
from copkit.model.taxonomy import Taxonomy

ENTITY_MODELS: dict[str, type[Entity]] = {
    model.kind_name: model
    for model in (
        Community,
        Charter,
        Practice,
        Person,
        Metric,
        KnowledgeAsset,
        Event,
        Objective,
        Taxonomy,
    )
}
"""Every entity kind, in the order documentation lists them."""

__all__ = [
    "API_VERSION",
    "ENTITY_MODELS",
    "Charter",
    "Community",
    "Config",
    "Entity",
    "Event",
    "KnowledgeAsset",
    "Metric",
    "Objective",
    "Person",
    "Practice",
    "Taxonomy",
]
