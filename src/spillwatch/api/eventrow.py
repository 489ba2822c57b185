"""The event table's row as the API returns it, alone in its module: ``spillwatch events`` builds this one wide
class on first use and none of ``api/rows.py``'s (each costs start-up time, ``benchmarks/bench_cli_startup.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class EventRow:
    """A stored event as the events table holds it (one row of ``events``; actors and places flattened)."""

    id: str
    type: str
    modes: str
    source_ids: str
    source_names: str
    target_ids: str
    target_names: str
    date_start: date | None
    date_end: date | None
    date_precision: str | None
    place_name: str | None
    geonameid: int | None
    country_iso3: str | None
    adm1_code: str | None
    adm1_name: str | None
    lat: float | None
    lon: float | None
    where_prec: int | None
    fatalities_low: float | None
    fatalities_best: float | None
    fatalities_high: float | None
    acled_type: str | None
    acled_subtype: str | None
    modality: str
    n_mentions: int
    n_articles: int
    outlets: str
    confidence: float
    origin: str
    external_id: str | None
    headline: str | None
    perpetrator_ids: str | None
    party_ids: str | None
    date_source: str | None
