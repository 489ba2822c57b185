"""A tiny registry, in the spirit of spaCy's: named stage functions and pluggable parts.

Stages register under a namespace ("stages", "extractors", ...) so a user can swap one by name
in settings without touching the runner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from spillwatch.errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {}


def register(namespace: str, name: str) -> Callable[[F], F]:
    def deco(func: F) -> F:
        _REGISTRY.setdefault(namespace, {})[name] = func
        return func

    return deco


def get(namespace: str, name: str) -> Callable[..., Any]:
    try:
        return _REGISTRY[namespace][name]
    except KeyError as exc:
        known = sorted(_REGISTRY.get(namespace, {}))
        raise ConfigError(f"no {namespace!r} entry named {name!r}; known: {known}") from exc


def names(namespace: str) -> list[str]:
    return sorted(_REGISTRY.get(namespace, {}))
