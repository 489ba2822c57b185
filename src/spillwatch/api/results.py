"""The typed, frozen results of the API's reads (one record per row), serialised by ``codec.dump`` for REST and
the dashboard and rendered field by field for the CLI's tables, CSV and JSON.

Results of the analyses are the analyses' own records (``analysis.alerts.Alert``,
``analysis.support.LedgerRow``); the map's are ``geo.choropleth``'s. The event table's rows, a run's
counts and the map outlines are in ``api/rows.py``, loaded on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A stored article with how many copies of it were read and how many event mentions it holds."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    published_method: str | None
    dateline: str | None
    source: str
    duplicate_of: str | None
    copies: int
    mentions: int


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """An article the relevance gate kept out of the NLP stages, with its score and reason."""

    id: str
    title: str | None
    source: str
    published: date | None
    score: float
    reason: str
    model: str | None
    skipped_at: datetime


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    """A document some stage declined, with the reason and the error text."""

    source: str
    reason: str
    stage: str | None
    detail: str | None
    quarantined_at: datetime


@dataclass(frozen=True, slots=True)
class ActorCount:
    """An actor named by stored events, with how many events name it."""

    id: str
    name: str
    country: str | None
    sector: str | None
    events: int


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor of the actor table or of the store: every alias listed works wherever an actor is asked for."""

    id: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    affiliate_of: str | None
    events: int
