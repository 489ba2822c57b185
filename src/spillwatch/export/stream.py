"""Stream the filtered events through a profile into a writer (see the package docstring)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pyarrow as pa

from spillwatch.errors import ConfigError
from spillwatch.export import FORMATS, PROFILES, profiles, writers
from spillwatch.store.base import EventFilter, Store

BATCH = 10_000


def _profile(name: str) -> profiles.Profile:
    found = profiles.PROFILES.get(name)
    if found is None:
        raise ConfigError(f"unknown export profile {name!r}: use one of {', '.join(PROFILES)}")
    return found


def check(fmt: str, profile: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    _profile(profile)


def batches(store: Store, flt: EventFilter, profile: str = "spillwatch", size: int = BATCH
            ) -> Iterator[pa.RecordBatch]:
    """The filtered events in the profile's columns, one Arrow batch of at most ``size`` rows at a time."""
    chosen = _profile(profile)
    stamp = int(time.time())
    for raw in store.export_batches(flt, size, with_record=chosen.needs_record):
        yield profiles.convert(chosen, raw, stamp)


def write_events(store: Store, flt: EventFilter, fmt: str, sink: writers.Sink, profile: str = "spillwatch",
                 size: int = BATCH) -> int:
    """Write the filtered events to ``sink`` (a path, or a binary file for csv/parquet/geoparquet); rows written."""
    check(fmt, profile)
    chosen = _profile(profile)
    return writers.write(batches(store, flt, profile, size), chosen.schema, fmt, sink, chosen.list_sep)


def csv_stream(store: Store, flt: EventFilter, profile: str = "spillwatch", size: int = BATCH) -> Iterator[bytes]:
    """CSV bytes as they are made (the REST export streams them straight to the client)."""
    chosen = _profile(profile)
    return writers.csv_chunks(batches(store, flt, profile, size), chosen.schema, chosen.list_sep)
