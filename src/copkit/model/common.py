"""Building blocks shared by every entity model: ids, references, dates, links.

Types here are strict on purpose. Contributors write YAML by hand, and YAML 1.1
readers turn ``no`` into ``False`` and ``0755`` into ``493``; copkit never converts
silently between types, so a wrong type is an error with a hint instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

API_VERSION = "copkit/v1"

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"
_SLUG_RE = re.compile(SLUG_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL_RE = re.compile(r"^(https?://[^\s<>\"'`]+|mailto:[^\s<>\"'`@]+@[^\s<>\"'`]+)$", re.IGNORECASE)
EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"


def _check_slug(value: str) -> str:
    if not _SLUG_RE.fullmatch(value):
        raise ValueError(
            "an id is a lowercase slug: letters a-z, digits and single hyphens, "
            "1-80 characters, starting and ending with a letter or digit"
        )
    if "--" in value:
        raise ValueError("an id may not contain two hyphens in a row")
    return value


def _parse_iso_date(value: Any) -> Any:
    # YAML gives dates as strings (copkit's YAML reader never guesses timestamps).
    # Only the ISO form YYYY-MM-DD is a date; numbers and datetimes are refused.
    if isinstance(value, str):
        if not _DATE_RE.fullmatch(value):
            raise ValueError("a date is written YYYY-MM-DD, for example 2026-03-31")
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(f"{value} is not a calendar date ({error})") from None
    if isinstance(value, dt.datetime):
        raise ValueError("a date is written YYYY-MM-DD without a time")
    return value


def _check_url(value: str) -> str:
    if not _URL_RE.fullmatch(value):
        raise ValueError("a link starts with https://, http:// or mailto: and has no spaces")
    return value


Slug = Annotated[
    str,
    Field(max_length=80, json_schema_extra={"pattern": SLUG_PATTERN, "minLength": 1}),
    AfterValidator(_check_slug),
]
"""A safe identifier: it can name a file and a URL path, and never form a path of its own."""

IsoDate = Annotated[dt.date, BeforeValidator(_parse_iso_date)]
"""A calendar date written ``YYYY-MM-DD``."""

Url = Annotated[
    str,
    Field(max_length=2000, json_schema_extra={"pattern": r"^(https?://|mailto:)\S+$"}),
    AfterValidator(_check_url),
]
"""A link a reader may follow: http, https or mailto only."""

Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=320)]

Markdown = Annotated[str, Field(max_length=200_000)]
"""Contributor-written Markdown; rendered sanitised on the site."""

ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[str, Field(max_length=20_000)]

EntityKind = Literal[
    "Community",
    "Charter",
    "Practice",
    "Person",
    "Metric",
    "KnowledgeAsset",
    "Event",
    "Objective",
    "Taxonomy",
]


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference to another entity (or to a taxonomy term).

    ``target`` is an entity kind, or ``"tag"`` / ``"skill"`` for taxonomy terms.
    The resolver finds every reference through this marker, so a new reference
    field needs no resolver code.
    """

    target: str


def _ref(target: str, description: str) -> Any:
    return Annotated[
        str,
        Field(
            max_length=80,
            description=description,
            json_schema_extra={"pattern": SLUG_PATTERN, "x-copkit-ref": target},
        ),
        AfterValidator(_check_slug),
        Ref(target),
    ]


PersonRef = _ref("Person", "The id of a Person.")
CommunityRef = _ref("Community", "The id of a Community.")
PracticeRef = _ref("Practice", "The id of a Practice.")
MetricRef = _ref("Metric", "The id of a Metric.")
ObjectiveRef = _ref("Objective", "The id of an Objective.")
TagRef = _ref("tag", "A tag from the repository's Taxonomy.")
SkillRef = _ref("skill", "A skill from the repository's Taxonomy.")


class Strict(BaseModel):
    """Base of every model: strict types, unknown fields refused, values frozen."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        populate_by_name=False,
        use_attribute_docstrings=False,
        regex_engine="python-re",
    )


class Entity(Strict):
    """Fields every entity document starts with."""

    kind_name: ClassVar[str] = ""
    """The ``kind`` value of documents of this model."""

    api_version: Literal["copkit/v1"] = Field(
        alias="apiVersion",
        description="Schema version of this document. Always `copkit/v1` for now.",
    )
    id: Slug = Field(
        description="Unique id among entities of this kind; the file is named `<id>.yaml`.",
    )


class Link(Strict):
    """A titled link to something outside the repository."""

    title: ShortText = Field(description="What the reader will find behind the link.")
    url: Url = Field(description="An http, https or mailto address.")
