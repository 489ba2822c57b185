"""The one Python API. The CLI, the REST API and the dashboard are thin shells over it.

    from spillwatch.api import EventFilter, Spillwatch
    with Spillwatch("spillwatch.duckdb") as sw:
        sw.ingest(["corpus/"])
        for row in sw.events(EventFilter(country="LBN")):
            ...

``facade.Spillwatch`` is the handle on one store; ``documents`` reads, cleans, codes and geocodes
one file without a store; ``names`` resolves what users write (actors, countries, event types,
dates) and suggests the closest names; ``maps`` holds the map's fixed geometry; ``report`` renders
the HTML report (imported by the command that writes it: it loads matplotlib).
"""

from __future__ import annotations

import json
from importlib import import_module
from typing import TYPE_CHECKING, Any

from spillwatch import export
from spillwatch.analysis.activity import parse_roles
from spillwatch.api.documents import (
    CodeResult,
    check_web_url,
    clean_path,
    code_path,
    geocode_path,
    read_path,
    run_spark,
)
from spillwatch.api.facade import EventDetail, Spillwatch
from spillwatch.api.maps import country_outlines, map_adm1, map_countries
from spillwatch.api.names import DateSpan
from spillwatch.codec import dump
from spillwatch.errors import ConfigError, NotFoundError, SourceError, SpillwatchError, StoreLockedError
from spillwatch.records import ROLE_RULES, ROLES
from spillwatch.settings import Settings, load_settings
from spillwatch.store import EventFilter

if TYPE_CHECKING:
    from spillwatch.api.eventrow import EventRow
    from spillwatch.api.rows import EventFacets, LinkRow, MentionRow, RunSummary, SparkCounts

_LATER = {"EventFacets": "rows", "EventRow": "eventrow", "LinkRow": "rows", "MentionRow": "rows",  # on first use
          "RunSummary": "rows", "SparkCounts": "rows"}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(import_module(f"spillwatch.api.{_LATER[name]}"), name)
    raise AttributeError(f"module 'spillwatch.api' has no attribute {name!r}")


EXPORT_FORMATS = export.FORMATS
EXPORT_PROFILES = export.PROFILES
EXPORT_EXTENSIONS = export.EXTENSIONS
EXPORT_MEDIA_TYPES = export.MEDIA_TYPES


def loads_json(text: str) -> Any:
    return json.loads(text)


__all__ = [
    "EXPORT_EXTENSIONS",
    "EXPORT_FORMATS",
    "EXPORT_MEDIA_TYPES",
    "EXPORT_PROFILES",
    "ROLES",
    "ROLE_RULES",
    "CodeResult",
    "ConfigError",
    "DateSpan",
    "EventDetail",
    "EventFacets",
    "EventFilter",
    "EventRow",
    "LinkRow",
    "MentionRow",
    "NotFoundError",
    "RunSummary",
    "Settings",
    "SourceError",
    "SparkCounts",
    "Spillwatch",
    "SpillwatchError",
    "StoreLockedError",
    "check_web_url",
    "clean_path",
    "code_path",
    "country_outlines",
    "dump",
    "geocode_path",
    "load_settings",
    "loads_json",
    "map_adm1",
    "map_countries",
    "parse_roles",
    "read_path",
    "run_spark",
]
