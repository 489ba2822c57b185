"""``Spillwatch``: a handle on one store with the settings to run the pipeline and the analyses.

    from spillwatch.api import Spillwatch
    with Spillwatch("spillwatch.duckdb") as sw:
        sw.ingest(["corpus/"])
        for row in sw.events(EventFilter(country="LBN")):
            ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Literal

from spillwatch import codec
from spillwatch.api import names
from spillwatch.api.maps import country_names, map_countries
from spillwatch.api.monitoring import Watching
from spillwatch.api.results import ActorCount, ActorEntry, ArticleRow, QuarantineRow, SkippedRow
from spillwatch.dedup.pairs import Join
from spillwatch.errors import ConfigError
from spillwatch.geo.choropleth import MapLayers, MapMarks, MapPoints, MonthCount
from spillwatch.records import Article, Event, EventMention, Quarantined
from spillwatch.settings import Settings, load_settings
from spillwatch.store import EventFilter, Store, open_store
from spillwatch.store.base import StageStats

if TYPE_CHECKING:  # the analyses import scikit-learn, the wide rows cost start-up time: loaded on first use
    from spillwatch.analysis.activity import ActivityRow, Counting
    from spillwatch.analysis.alerts import Alert
    from spillwatch.analysis.coverage import Window
    from spillwatch.analysis.gaps import GapRow
    from spillwatch.analysis.service import Insight, Who
    from spillwatch.analysis.spread import Spread, Theatre
    from spillwatch.analysis.support import LedgerRow
    from spillwatch.analysis.watch import AsOf, Backtest, RiskRow
    from spillwatch.api.eventrow import EventRow
    from spillwatch.api.rows import EventFacets, LinkRow, MentionRow, RunSummary
    from spillwatch.run.phases import Progress


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event, its stored mention rows, and why each mention joined it (``dedup.pairs.Join``)."""

    event: Event
    mentions: tuple[MentionRow, ...] = ()
    joins: tuple[Join, ...] = ()


def _month(text: str | None) -> date | None:
    """The first day of the month a user wrote (a day, a month, a year or a range: its first month)."""
    day = names.start_of(text) if text else None
    return date.fromisoformat(day) if day else None


def _level(level: str) -> Literal["country", "adm1"]:
    if level not in ("country", "adm1"):
        raise ConfigError(f"level must be 'country' or 'adm1', not {level!r}")
    return "country" if level == "country" else "adm1"


class Spillwatch(Watching):
    """A handle on one store with the settings to run the pipeline and the analyses."""

    def __init__(self, db: str | None = None, *, settings: Settings | None = None,
                 read_only: bool = False, linger: float | None = None, create: bool = True) -> None:
        """``create=False``: a missing store is an error (NotFoundError naming it), never a new empty one."""
        self.settings = settings or load_settings()
        if db is not None:
            self.settings = replace(self.settings, db=db)
        self._read_only = read_only
        self._linger = linger  # idle seconds a DuckDB file stays held (serve lets it go almost at once)
        self._create = create
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            if not self._create:
                names.check_store_exists(self.settings.db)
            self._store = open_store(self.settings.db, read_only=self._read_only,
                                     lock_wait=self.settings.lock_wait, linger=self._linger)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Spillwatch:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- pipeline
    def ingest(self, sources: Sequence[str], progress: Progress | None = None, *,
               retry_quarantined: bool = False, workers: int = 1) -> RunSummary:
        """``retry_quarantined``: try again every document quarantined before (else they are never retried);
        ``workers``: processes that clean and code (``>= 2``: a pool; this process always writes)."""
        from spillwatch.api.rows import RunSummary
        from spillwatch.run import phases

        return RunSummary.of(phases.ingest(sources, self.store, self.settings, workers=workers,
                                           progress=progress or phases._noop, retry_quarantined=retry_quarantined))

    def load_spark(self, folder: str, progress: Progress | None = None) -> RunSummary:
        """Merge a ``spark-run`` output folder into the store and cluster the new mentions into events."""
        from spillwatch.api.rows import RunSummary
        from spillwatch.run import phases
        from spillwatch.spark import loader

        return RunSummary.of(loader.load(folder, self.store, self.settings, progress=progress or phases._noop))

    # -- names: every actor, type, country and date a user writes, resolved once (errors name the closest)
    def resolve_actor(self, name: str) -> str:
        """The actor id for an id or any alias (ISIS, Daesh, Islamic State -> ISL); unknown: SpillwatchError."""
        return names.resolve_actor(name, self.settings, self.store)

    def resolve_filter(self, flt: EventFilter) -> EventFilter:
        """``flt`` with its actor as an id, its type and country as codes, its dates as ISO days (months too)."""
        return replace(flt, actor=self.resolve_actor(flt.actor) if flt.actor else None,
                       type=names.resolve_event_type(flt.type, self.store) if flt.type else None,
                       country=names.resolve_country(flt.country, self.store) if flt.country else None,
                       date_from=names.start_of(flt.date_from), date_to=names.end_of(flt.date_to))

    def import_events(self, kind: str, path: str, batch: int = 5000,
                      progress: Callable[[int], None] | None = None) -> RunSummary:
        """Import UCDP GED or ACLED CSV rows as Events; unreadable rows are quarantined with their row number.

        ``progress(n)`` is told of every ``n`` rows read (each 500, and the rest at the end).
        """
        from spillwatch.analysis.coverage import file_windows, note_event
        from spillwatch.api.rows import RunSummary
        from spillwatch.importers.acled import import_acled
        from spillwatch.importers.ucdp import import_ucdp

        importer = {"ucdp": import_ucdp, "acled": import_acled}.get(kind)
        if importer is None:
            raise ConfigError(f"unknown import kind {kind!r}: use ucdp or acled")
        summary, pending = StageStats(), []
        days: dict[str, tuple[date, date]] = {}  # per country: the file's coverage (analysis.coverage)
        for item in importer(path):
            summary.read += 1
            if progress is not None and summary.read % 500 == 0:
                progress(500)
            if isinstance(item, Quarantined):
                self.store.put_quarantine(item)
                summary.quarantine(item.reason)
                continue
            note_event(days, item.place.country_iso3 if item.place else None, item.date_start)
            pending.append(item)
            if len(pending) >= batch:
                summary.stored += self.store.import_events(pending)
                pending = []
        summary.stored += self.store.import_events(pending)
        summary.events = summary.stored
        if progress is not None:
            progress(summary.read % 500)
        self.insight.record_coverage(file_windows(kind, str(Path(path).name), days))
        return RunSummary.of(summary)

    def coverage(self) -> list[Window]:
        """Every origin's coverage windows (places and period), see ``spillwatch.analysis.coverage``."""
        return self.insight.windows()

    def links(self, limit: int = 1000) -> list[LinkRow]:
        """Events two origins both report (same day, place, type): the lower-ranked one is not counted again."""
        from spillwatch.api.rows import LinkRow

        return [LinkRow(**r) for r in self.insight.links(limit)]

    # -- reads
    def articles(self, limit: int = 100, offset: int = 0) -> list[ArticleRow]:
        return [ArticleRow(**r) for r in self.store.article_rows(limit, offset)]

    def skipped(self, limit: int = 100, offset: int = 0) -> list[SkippedRow]:
        """Articles the relevance gate kept out of the NLP stages, with score and reason."""
        return [SkippedRow(**r) for r in self.store.skipped_rows(limit, offset)]

    def article(self, article_id: str) -> Article:
        return self.store.get_article(article_id)

    def events(self, flt: EventFilter | None = None) -> list[EventRow]:
        from spillwatch.api.eventrow import EventRow

        return [EventRow(**r) for r in self.store.event_rows(self.resolve_filter(flt or EventFilter()))]

    def count_events(self, flt: EventFilter | None = None) -> int:
        return self.store.count_events(self.resolve_filter(flt or EventFilter()))

    def event(self, event_id: str) -> EventDetail:
        """The event, its mentions, and for each mention the member it agrees with best and why."""
        from spillwatch import codec
        from spillwatch.api.rows import MentionRow
        from spillwatch.dedup.pairs import explain_event
        from spillwatch.dedup.score import features

        event = self.store.get_event(event_id)
        rows = tuple(MentionRow(**r) for r in self.store.mentions_for_event(event_id))
        found = [codec.loads(EventMention, r.record_json) for r in rows if r.record_json]
        members = [features(m, self.store.article_published(m.article_id)) for m in found]
        return EventDetail(event, rows, explain_event(members))

    def quarantine(self, limit: int = 100) -> list[QuarantineRow]:
        return [QuarantineRow(**r) for r in self.store.quarantine_rows(limit)]

    def actors(self, limit: int = 500) -> list[ActorCount]:
        """Actors seen in stored articles or events, with how many events name them."""
        return [ActorCount(**r) for r in self.store.actor_counts(limit)]

    def actor_directory(self, search: str | None = None) -> list[ActorEntry]:
        """Every actor of the actor table and of the store: id, name, aliases, country, sector, events.

        ``search`` keeps actors whose id, name or an alias contains it (case-insensitive). Most events first.
        """
        from spillwatch.nlp.actortable import load_actor_table

        counts = {r.id: r for r in self.actors(limit=1_000_000)}
        out: list[ActorEntry] = []
        for entry in load_actor_table(self.settings).entries.values():
            a = entry.actor
            seen = counts.pop(a.id, None)
            out.append(ActorEntry(a.id, a.name, tuple(entry.aliases), a.country, a.sector, entry.affiliate_of,
                                  int(seen.events) if seen else 0))
        out += [ActorEntry(r.id, r.name, (), r.country, r.sector, None, int(r.events)) for r in counts.values()]
        if search:
            key = search.casefold()
            out = [r for r in out if any(key in str(v).casefold() for v in (r.id, r.name, *r.aliases))]
        return sorted(out, key=lambda r: (-r.events, r.id))

    def event_facets(self, flt: EventFilter | None = None) -> EventFacets:
        """Per-country, per-type and per-month counts of the filtered events (no paging)."""
        from spillwatch.api.rows import EventFacets

        return EventFacets.of(self.store.event_facets(self.resolve_filter(flt or EventFilter())))

    def map_countries(self) -> str:
        """Country outlines (TopoJSON text) with each geometry's ISO3 code added to its properties."""
        return map_countries()

    def map_layers(self, flt: EventFilter | None = None) -> MapLayers:
        """Events and deaths per country (ISO3) and per ADM1 unit (ISO 3166-2) for the map's choropleth."""
        from spillwatch.geo.adm1keys import adm1_keys
        from spillwatch.geo.choropleth import map_layers

        return map_layers(self.store.unit_facets(self.resolve_filter(flt or EventFilter())), adm1_keys(),
                          country_names())

    def timeline(self, flt: EventFilter | None = None) -> tuple[MonthCount, ...]:
        """Events and deaths per month, every month of the span present (empty months at zero)."""
        from spillwatch.geo.choropleth import continuous_months

        flt = self.resolve_filter(flt or EventFilter())
        return continuous_months(self.store.month_facets(flt), flt.date_from, flt.date_to)

    def map_points(self, flt: EventFilter | None = None, limit: int = 1000) -> MapPoints:
        """Events placed at a town or near one (precision 1-2), most deaths first, at most ``limit``, and how many."""
        from spillwatch.geo.choropleth import map_points

        flt = replace(self.resolve_filter(flt or EventFilter()), where_prec_max=2, sort="fatalities_best",
                      descending=True, limit=limit, offset=0)
        return MapPoints(map_points(self.store.event_rows(flt)), self.store.count_events(flt))

    def map_marks(self, actor: str, origin: str | None = None, threshold: float = 0.5, *,
                  roles: Sequence[str] = (), as_of: str | None = None) -> MapMarks:
        """New theatres of ``actor`` (country, ADM1) and quiet countries whose next-month risk reaches ``threshold``,
        counting the same roles as the analyses (``roles``, default perpetrator or party), as of a month."""
        from spillwatch.geo.adm1keys import adm1_keys
        from spillwatch.geo.choropleth import map_marks

        country = self.spread(actor, "country", origin=origin, roles=roles, as_of=as_of)
        adm1 = self.spread(actor, "adm1", origin=origin, roles=roles, as_of=as_of)
        theatres = [*country.theatres, *adm1.theatres]
        rows = [codec.fields(r) for r in self.risk(actor, "country", origin, roles=roles, as_of=as_of)
                if r.risk is not None and not r.fit_note]
        return map_marks(country.counted.actor, theatres, rows, adm1_keys(), threshold)

    # -- analysis (see spillwatch.analysis.service and spillwatch.analysis)
    @property
    def insight(self) -> Insight:
        from spillwatch.analysis.service import Insight

        return Insight(self.store, self.settings)

    def _actor(self, actor: str | None) -> str | None:
        return self.resolve_actor(actor) if actor else None

    def _who(self, actor: str | None, roles: Sequence[str] = (), affiliates: bool = False,
             origin: str | None = None) -> Who:
        """Whose events an analysis counts: the actor's id resolved from any alias (unknown names refused)."""
        from spillwatch.analysis.service import Who

        return Who(self._actor(actor), tuple(roles), affiliates, origin)

    def activity(self, actor: str | None = None, level: str = "country", period: str = "month",
                 origin: str | None = None, *, country: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, roles: Sequence[str] = (), affiliates: bool = False
                 ) -> list[ActivityRow]:
        """Events and deaths per unit and period; optionally one country (ISO3) and a date range (ISO, inclusive).

        ``roles``: perpetrator, party, target or any (default perpetrator or party); ``affiliates``: add the
        actor's affiliates, each while its affiliation held (see ``describe``)."""
        return self.insight.activity(self._who(actor, roles, affiliates, origin), _level(level),
                                     "week" if period == "week" else "month",
                                     country=names.resolve_country(country, self.store) if country else None,
                                     date_from=names.start_of(date_from), date_to=names.end_of(date_to))

    def describe(self, actor: str | None, origin: str | None = None, *, roles: Sequence[str] = (),
                 affiliates: bool = False) -> Counting:
        """The actor, roles and affiliates (with their dates) an analysis with these arguments counts."""
        return self.insight.describe(self._who(actor, roles, affiliates, origin))

    def spread(self, actor: str, level: str = "country", *, origin_days: int = 30, quiet_days: int = 180,
               origin: str | None = None, roles: Sequence[str] = (), affiliates: bool = False,
               as_of: str | None = None) -> Spread:
        """New theatres, re-emergence and diffusion with what was known at the end of ``as_of``'s month (default:
        the last month some origin covers; ``as_of_label`` says which)."""
        from spillwatch.analysis.spread import SpreadConfig

        config = SpreadConfig(origin_days=origin_days, quiet_days=quiet_days)
        return self.insight.spread(self._who(actor, roles, affiliates, origin), _level(level), config,
                                   _month(as_of))

    def new_theatres(self, actor: str, level: str = "country", origin: str | None = None) -> list[Theatre]:
        """The units where ``actor``'s violence was first seen after its origin, judged inside coverage windows."""
        return [t for t in self.spread(actor, level, origin=origin).theatres if t.new]

    def risk(self, actor: str, level: str = "country", origin: str | None = None, *, roles: Sequence[str] = (),
             affiliates: bool = False, min_risk: float = 0.0, as_of: str | None = None,
             watch: Sequence[str] = ()) -> list[RiskRow]:
        """Risk in the month after ``as_of`` (default: the last month some origin covers) per covered, plausible
        unit (at least ``min_risk``) with its drivers in words and its coverage; at country level every watched
        country (``watch``, default: the actor's countries, their neighbours, support recipients) is a row, with
        no rate where no origin watches it."""
        return self.insight.risk(self._who(actor, roles, affiliates, origin), _level(level), min_risk,
                                 _month(as_of), self._countries(watch))

    def as_of(self, as_of: str | None = None) -> AsOf:
        """The month analyses are judged at (``as_of`` checked against what the origins cover, else the last
        covered month) and why; ``label`` is 'as of 2016-12 (asked)' for a title."""
        return self.insight.as_of(_month(as_of))

    def _countries(self, names_: Sequence[str]) -> tuple[str, ...]:
        return tuple(names.resolve_country(c, self.store) for v in names_ for c in v.split(",") if c.strip())

    def risk_backtest(self, actor: str, level: str, test_from: date, test_to: date | None = None,
                      origin: str | None = None, *, roles: Sequence[str] = (), affiliates: bool = False
                      ) -> Backtest:
        """Rolling monthly backtest from ``test_from``: model and three baselines, any event and onset."""
        return self.insight.backtest(self._who(actor, roles, affiliates, origin), _level(level), test_from,
                                     test_to)

    def support(self) -> list[LedgerRow]:
        return self.insight.ledger()

    def add_support_csv(self, path: str) -> int:
        return self.insight.add_support_csv(path)

    def gaps(self, actor: str, *, roles: Sequence[str] = (), affiliates: bool = False,
             min_threat: float = 0.01, as_of: str | None = None, watch: Sequence[str] = ()) -> list[GapRow]:
        """Watched countries (and those the forecast scores) by threat against valued support, in separate
        columns (``spillwatch.analysis.gaps`` has the formula); ``as_of`` (a day, month or year as users write it;
        default the last month some origin covers): judged with what was known at that month's end."""
        from spillwatch.analysis.gaps import GapConfig

        return self.insight.gaps(self._who(actor, roles, affiliates), GapConfig(min_threat=min_threat),
                                 _month(as_of), self._countries(watch))

    def refresh_alerts(self, actor: str, threshold: float = 0.5, *, roles: Sequence[str] = (),
                       affiliates: bool = False, as_of: str | None = None) -> list[Alert]:
        """Compute alerts for ``actor`` as of a month; store and return only the new ones."""
        return self.insight.alerts(self._who(actor, roles, affiliates), threshold, _month(as_of))

    def alerts(self, limit: int = 500, as_of: str | None = None) -> list[Alert]:
        """Stored alerts, newest first; with ``as_of``, only those known at that month's end (a new theatre dated
        by then, a risk alert for the month after at the latest)."""
        rows = self.insight.alert_rows(limit)
        if as_of is None:
            return rows
        end = self.as_of(as_of).end
        return [a for a in rows if a.alert_date is None or a.alert_date <= end + timedelta(days=a.kind == "risk")]

    def export(self, flt: EventFilter, fmt: str, sink: str | Path | IO[bytes], profile: str = "spillwatch",
               batch_size: int = 10_000) -> int:
        """Every event matching ``flt`` (no row cap, streamed in batches) written to ``sink`` as ``fmt``
        (csv, parquet, geoparquet, geojson, gpkg) in the ``profile``'s columns (spillwatch, acled, ucdp).

        ``sink`` is a path, or a binary file for csv, parquet and geoparquet. Returns the rows written.
        """
        from spillwatch.export import stream

        return stream.write_events(self.store, self.resolve_filter(flt), fmt, sink, profile, batch_size)

    def export_csv(self, flt: EventFilter, profile: str = "spillwatch") -> Iterator[bytes]:
        """The same CSV as ``export``, as chunks of bytes made batch by batch (for streaming responses)."""
        from spillwatch.export import stream

        return stream.csv_stream(self.store, self.resolve_filter(flt), profile)
