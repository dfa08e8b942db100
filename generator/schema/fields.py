"""Look up fields of the schema by location: names for "did you mean", docstrings for hints."""

import types
import typing
from typing import Any

from pydantic import BaseModel


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Models reachable through list[...], dict[..., ...], unions and Annotated, one level down."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def _container_depth(annotation: Any) -> int:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _container_depth(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return max(_container_depth(a) for a in typing.get_args(annotation))
    if origin in (list, dict):
        return 1 + _container_depth(typing.get_args(annotation)[-1])
    return 0


def _walk(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[type[BaseModel] | None, str | None]:
    """The model that holds the last field of loc, and that field's name."""
    current: type[BaseModel] | None = model
    holder: type[BaseModel] | None = None
    name: str | None = None
    skip = 0
    for index, part in enumerate(loc):
        if skip:
            skip -= 1
            if index == len(loc) - 1 and name is not None:
                return holder, name  # an item of a list or mapping field: that field
            continue
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            return None, None
        holder, name = current, part
        annotation = holder.model_fields[part].annotation
        skip = _container_depth(annotation)
        models = _models_in(annotation)
        current = models[0] if models else None
        if index == len(loc) - 1:
            return holder, name
    return current, None


def field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Fields allowed in the mapping at loc."""
    holder, name = _walk(model, loc) if loc else (model, None)
    if holder is None:
        return []
    if name is not None:
        inner = _models_in(holder.model_fields[name].annotation)
        return list(inner[0].model_fields) if inner else []
    return list(holder.model_fields)


def field_description(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """The docstring of the field at loc (list indexes and dict keys are skipped)."""
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return None
    holder, name = _walk(model, loc)
    if holder is None or name is None:
        return None
    text = holder.model_fields[name].description
    return " ".join(text.split()) if text else None


def choices(annotation: Any) -> list[str]:
    """The allowed values of a Literal (or of a list or union holding one), in order."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        found = choices(arg)
        if found:
            return found
    return []


def field_choices(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    holder, name = _walk(model, loc)
    return choices(holder.model_fields[name].annotation) if holder is not None and name is not None else []
