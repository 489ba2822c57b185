"""A watch's config file (TOML), so a service runs with one argument:

    sources = ["https://example.org/feed.xml", "urls.txt", "/data/inbox"]
    actors = ["ISL"]
    sinks = ["file:/var/lib/spillwatch/alerts.jsonl", "slack:https://hooks.slack.com/services/..."]
    every = "15m"
    threshold = 0.5
    since = "2026-06-01"
    name = "default"

Input: the file's path. Output: ``WatchFile`` (every key optional; the command line adds sources, actors and
sinks and overrides the rest). Declines: unreadable TOML, unknown keys and values of the wrong type, as a
ConfigError naming the file and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spillwatch.errors import ConfigError

_LISTS = ("sources", "actors", "sinks")
_TEXTS = ("every", "since", "name")


@dataclass(frozen=True, slots=True)
class WatchFile:
    sources: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sinks: tuple[str, ...] = ()
    every: str | None = None
    threshold: float | None = None
    since: date | None = None
    name: str | None = None


def load_watch_file(path: str | Path) -> WatchFile:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the watch config: {exc}") from exc
    unknown = sorted(set(data) - {*_LISTS, *_TEXTS, "threshold"})
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r} (keys: {', '.join((*_LISTS, *_TEXTS, 'threshold'))})")
    values: dict[str, Any] = {}
    for key in _LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key} must be a list of strings")
        values[key] = tuple(value)
    for key in _TEXTS:
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{path}: {key} must be a string")
    threshold = data.get("threshold")
    if threshold is not None and (not isinstance(threshold, int | float) or not 0 <= threshold <= 1):
        raise ConfigError(f"{path}: threshold must be a number from 0 to 1")
    try:
        since = date.fromisoformat(data["since"]) if "since" in data else None
    except ValueError as exc:
        raise ConfigError(f"{path}: since: {exc}") from exc
    return WatchFile(values["sources"], values["actors"], values["sinks"], data.get("every"),
                     float(threshold) if threshold is not None else None, since, data.get("name"))
