"""The store protocol: what every backend (DuckDB, PostgreSQL) offers the pipeline and the API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from spillwatch.records import AnnotatedArticle, Article, Event, EventMention, Quarantined, RawItem

PutOutcome = Literal["stored", "duplicate", "near-duplicate"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by the CLI, the REST API and the dashboard (all optional)."""

    actor: str | None = None
    type: str | None = None
    mode: str | None = None
    acled_type: str | None = None
    country: str | None = None  # ISO3
    adm1: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    text: str | None = None
    origin: str | None = None
    sort: str = "date_start"
    descending: bool = True
    limit: int = 100
    offset: int = 0


@dataclass(slots=True)
class RunSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    quarantined: int = 0
    mentions: int = 0
    events: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def quarantine(self, reason: str) -> None:
        self.quarantined += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


class Store(Protocol):
    """A small protocol; DuckDBStore and PostgresStore implement it with the same SQL."""

    url: str

    def transaction(self) -> AbstractContextManager[None]: ...
    def close(self) -> None: ...
    def schema_version(self) -> int: ...

    # articles
    def has_raw(self, raw_id: str) -> bool: ...
    def has_article(self, article_id: str) -> bool: ...
    def put_article(self, article: Article, raw: RawItem, *, duplicate_of: str | None = None,
                    similarity: float | None = None, signature: bytes | None = None) -> PutOutcome: ...
    def add_copy(self, article_id: str, raw: RawItem) -> bool: ...
    def get_article(self, article_id: str) -> Article: ...
    def article_rows(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]: ...
    def signatures(self) -> Iterator[tuple[str, bytes]]: ...
    def uncoded_articles(self) -> Iterator[Article]: ...
    def mark_coded(self, article_id: str) -> None: ...

    # quarantine
    def put_quarantine(self, item: Quarantined) -> bool: ...
    def quarantine_rows(self, limit: int = 100) -> list[dict[str, Any]]: ...

    # annotations and events
    def put_annotations(self, ann: AnnotatedArticle) -> None: ...
    def put_mentions(self, mentions: Sequence[EventMention]) -> None: ...
    def mentions(self, *, unassigned_only: bool = False) -> list[EventMention]: ...
    def mentions_for_event(self, event_id: str) -> list[dict[str, Any]]: ...
    def put_events(self, events: Iterable[Event], *, replace_ids: Iterable[str] = ()) -> int: ...
    def get_event(self, event_id: str) -> Event: ...
    def event_rows(self, flt: EventFilter) -> list[dict[str, Any]]: ...
    def count_events(self, flt: EventFilter) -> int: ...
    def event_facets(self, flt: EventFilter) -> dict[str, Any]: ...
    def all_events(self, origin: str | None = None) -> list[Event]: ...

    # fetch state and runs
    def get_fetch_state(self, url: str) -> tuple[str | None, str | None]: ...
    def put_fetch_state(self, url: str, etag: str | None, last_modified: str | None) -> None: ...
    def record_run(self, run_id: str, summary: RunSummary) -> None: ...

    # analysis: read-only SQL with parameters (never string-formatted values)
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...
