"""The API's wide result records, loaded on first use: a mention's evidence (over 30 fields), facets, links, a
run's counts and the map's outlines (the event table's row, the most read, is alone in ``api/eventrow.py``).
Building these classes costs about 10 ms, which every CLI start-up would pay if ``api/results.py`` held them
(``benchmarks/bench_cli_startup.py``).

Serialised by ``codec.dump`` for REST and the dashboard and rendered field by field for the CLI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from spillwatch.store.base import StageStats


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did, in counts: a snapshot of the run's accumulator (``store.base.StageStats``) at its end.

    ``reasons`` and ``stages``: (quarantine reason or stage, documents), in the order first met."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    quarantined: int = 0
    mentions: int = 0
    events: int = 0
    skipped: int = 0  # articles the relevance gate kept out of the NLP stages
    retried: int = 0  # quarantined documents released for this run (ingest --retry-quarantined)
    held: int = 0  # documents skipped because an earlier run quarantined them
    not_modified: int = 0  # URLs (feeds, pages) that answered 304 Not Modified to a conditional GET
    reasons: tuple[tuple[str, int], ...] = ()
    stages: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, stats: StageStats) -> RunSummary:
        counts = {f.name: getattr(stats, f.name) for f in fields(cls) if f.name not in ("reasons", "stages")}
        return cls(**counts, reasons=tuple(stats.reasons.items()), stages=tuple(stats.stages.items()))


@dataclass(frozen=True, slots=True)
class SparkCounts:
    """Rows the Spark job wrote: articles, quarantined documents and (merged on the driver) events."""

    articles: int
    quarantined: int
    events: int | None = None


@dataclass(frozen=True, slots=True)
class MentionRow:
    """A stored event mention with its article's title, outlet, url and text (the evidence of one event)."""

    id: str
    article_id: str
    event_id: str | None
    type: str
    modes: str
    source_ids: str
    target_ids: str
    place_text: str | None
    country_iso3: str | None
    adm1_code: str | None
    adm1_name: str | None
    lat: float | None
    lon: float | None
    where_prec: int | None
    date_start: date | None
    date_end: date | None
    date_precision: str | None
    modality: str
    quoted: bool
    trigger_start: int
    trigger_end: int
    trigger_text: str
    sentence_start: int
    sentence_end: int
    acled_type: str | None
    acled_subtype: str | None
    confidence: float
    record_json: str
    date_source: str | None
    title: str | None
    outlet: str | None
    url: str | None
    body: str

    @property
    def sentence(self) -> str:
        return self.body[self.sentence_start:self.sentence_end]


@dataclass(frozen=True, slots=True)
class KeyCount:
    """How many of the filtered events have one value (a country's ISO3, an event type, a month YYYY-MM)."""

    key: str
    n: int


@dataclass(frozen=True, slots=True)
class EventFacets:
    """Counts of the filtered events per country, per type and per month (the map and timeline layers)."""

    per_country: tuple[KeyCount, ...]
    per_type: tuple[KeyCount, ...]
    per_month: tuple[KeyCount, ...]

    @classmethod
    def of(cls, found: Mapping[str, Any]) -> EventFacets:
        """From the store's ``event_facets``: {"per_country": {iso3: n}, "per_type": {...}, "per_month": [...]}."""
        return cls(tuple(KeyCount(k, n) for k, n in found["per_country"].items()),
                   tuple(KeyCount(k, n) for k, n in found["per_type"].items()),
                   tuple(KeyCount(r["month"], r["n"]) for r in found["per_month"]))


@dataclass(frozen=True, slots=True)
class LinkRow:
    """An event another origin also reports (same day, place and type): the lower-ranked one is not counted again."""

    event_id: str
    origin: str
    linked_to: str
    linked_origin: str
    date_start: date | None
    country_iso3: str | None
    adm1_code: str | None
    type: str


@dataclass(frozen=True, slots=True)
class CountryOutline:
    """A country of the map (ISO3, '' where the outline has none) with the outer ring of each of its polygons."""

    iso3: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
