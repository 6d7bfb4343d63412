"""Reading the models' own structure: which model describes a nested mapping."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def field_for_key(model: type[BaseModel], key: str | int) -> FieldInfo | None:
    """The field a document key names (by alias first, then by name)."""
    for name, field in model.model_fields.items():
        if (field.alias or name) == key:
            return field
    return None


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``list[X]``, ``X | None`` and ``Annotated[X, ...]``, if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if not args:
                return None
            annotation = args[0]
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def child_model(model: type[BaseModel] | None, key: str | int) -> type[BaseModel] | None:
    """The model of the value under ``key`` in a mapping described by ``model``."""
    if model is None:
        return None
    field = field_for_key(model, key)
    return inner_model(field.annotation) if field is not None else None


def model_at(model: type[BaseModel], loc: typing.Sequence[str | int]) -> type[BaseModel] | None:
    """The model describing the mapping at ``loc`` (list indexes are skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        current = child_model(current, part)
        if current is None:
            return None
    return current


def document_keys(model: type[BaseModel]) -> list[str]:
    """The keys a document of ``model`` may have, in schema order."""
    return [field.alias or name for name, field in model.model_fields.items()]
