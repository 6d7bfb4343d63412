"""Finding every reference an entity makes, from the ``Ref`` markers on model fields.

A plan is compiled once per model class, so walking 100,000 entities costs a few
attribute reads each, and a new reference field needs no code here.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from copkit.model.common import Ref


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference: where it is in the document, what kind it points to, and the id."""

    loc: tuple[str | int, ...]
    target: str
    value: str


# A step is ("ref", target) | ("list", step) | ("optional", step) | ("model", plan)
Step = tuple[str, Any]
Plan = tuple[tuple[str, str, Step], ...]  # (attribute, document key, step)


def references(entity: BaseModel) -> Iterator[Reference]:
    """Every reference ``entity`` makes, in field order."""
    yield from _walk(entity, _plan(type(entity)), ())


def referenced_ids(entity: BaseModel) -> list[tuple[str, str]]:
    """``(target, id)`` of every reference ``entity`` makes, in field order, without locations.

    What :func:`references` yields, less the work of building a location and a
    :class:`Reference` for each: for checking that every reference resolves, the common
    case, where locations are needed only for the rare one that does not.
    """
    found: list[tuple[str, str]] = []
    _collect(entity, _plan(type(entity)), found)
    return found


def reference_fields(model: type[BaseModel]) -> Plan:
    """The compiled plan for ``model`` (exposed for documentation and tests)."""
    return _plan(model)


def _walk(obj: BaseModel, plan: Plan, prefix: tuple[str | int, ...]) -> Iterator[Reference]:
    for attribute, key, step in plan:
        yield from _walk_step(getattr(obj, attribute), step, (*prefix, key))


def _walk_step(value: Any, step: Step, loc: tuple[str | int, ...]) -> Iterator[Reference]:
    if value is None:
        return
    kind, arg = step
    if kind == "ref":
        yield Reference(loc, arg, value)
    elif kind == "list":
        for index, item in enumerate(value):
            yield from _walk_step(item, arg, (*loc, index))
    elif kind == "model":
        yield from _walk(value, arg, loc)


def _collect(obj: BaseModel, plan: Plan, found: list[tuple[str, str]]) -> None:
    for attribute, _key, step in plan:
        value = getattr(obj, attribute)
        if value is not None:
            _collect_step(value, step, found)


def _collect_step(value: Any, step: Step, found: list[tuple[str, str]]) -> None:
    kind, arg = step
    if kind == "ref":
        found.append((arg, value))
    elif kind == "list":
        if arg[0] == "ref":  # a list of references, the usual shape: no call per item
            target = arg[1]
            found.extend((target, item) for item in value if item is not None)
        else:
            for item in value:
                if item is not None:
                    _collect_step(item, arg, found)
    elif kind == "model":
        _collect(value, arg, found)


@cache
def _plan(model: type[BaseModel]) -> Plan:
    plan: list[tuple[str, str, Step]] = []
    for name, field in model.model_fields.items():
        ref = next((item for item in field.metadata if isinstance(item, Ref)), None)
        step = ("ref", ref.target) if ref else _step(field.annotation)
        if step is not None:
            plan.append((name, field.alias or name, step))
    return tuple(plan)


def _step(annotation: Any) -> Step | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        ref = next((item for item in annotation.__metadata__ if isinstance(item, Ref)), None)
        return ("ref", ref.target) if ref else _step(typing.get_args(annotation)[0])
    if origin is list:
        inner = _step(typing.get_args(annotation)[0])
        return ("list", inner) if inner else None
    if origin in (typing.Union, types.UnionType):
        steps = [_step(arg) for arg in typing.get_args(annotation) if arg is not type(None)]
        return steps[0] if len(steps) == 1 else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        inner_plan = _plan(annotation)
        return ("model", inner_plan) if inner_plan else None
    return None
