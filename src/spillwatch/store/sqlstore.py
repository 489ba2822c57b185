"""The SQL both backends share. Subclasses supply a connection and the placeholder style.

Every value reaches the database as a parameter; identifiers come only from the fixed lists here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from importlib import resources
from typing import Any

from spillwatch import codec
from spillwatch.errors import NotFoundError
from spillwatch.records import AnnotatedArticle, Article, Event, EventMention, Quarantined, RawItem, content_hash
from spillwatch.store import rows
from spillwatch.store.analysisrows import AnalysisRows
from spillwatch.store.articledates import ArticleDates
from spillwatch.store.base import PutOutcome, RunSummary
from spillwatch.store.eventqueries import EventQueries
from spillwatch.store.skipped import SkippedArticles
from spillwatch.store.watchrows import WatchRows

BlockKey = tuple[str, str, int]
_PLACE_COLS = ("article_id", "start_char", "end_char", "text", "role", "geonameid", "name", "feature_class",
               "country_iso3", "adm1_code", "adm1_name", "lat", "lon", "precision_code")
_ANN_COLS = {
    "actor_mentions": ("article_id", "start_char", "end_char", "text", "actor_id", "actor_name", "country",
                       "sector", "resolved", "person"),
    "quotes": ("article_id", "start_char", "end_char", "text", "direct", "speaker_text", "speaker_actor_id",
               "speaker_person"),
    "places": _PLACE_COLS,
}


def migrations() -> list[tuple[int, str]]:
    """Numbered migration scripts shipped in store/migrations (NNN_name.sql)."""
    folder = resources.files("spillwatch.store") / "migrations"
    found = [(int(p.name.split("_", 1)[0]), p.read_text(encoding="utf-8"))
             for p in folder.iterdir() if p.name.endswith(".sql")]
    return sorted(found)


def _statements(script: str) -> list[str]:
    body = "\n".join(line for line in script.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


class SqlStore(SkippedArticles, AnalysisRows, WatchRows, ArticleDates, EventQueries, ABC):
    """Store protocol over a DB-API-like connection; see DuckDBStore and PostgresStore."""

    url: str
    placeholder = "?"

    # -- plumbing the subclasses provide
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """One atomic unit of work (nested calls join the outer one)."""

    @abstractmethod
    def close(self) -> None: ...

    # -- helpers
    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._execute(self._sql(sql), params)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._fetch(self._sql(sql), params)

    def _insert(self, table: str, row: dict[str, Any], conflict: str = "DO NOTHING") -> None:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._run(f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT {conflict}", list(row.values()))

    def _insert_many(self, table: str, cols: Sequence[str], values: Sequence[Sequence[Any]],
                     conflict: str = "DO NOTHING", chunk: int = 200) -> None:
        """Many rows in few statements (a statement per row dominated the writer's time)."""
        row_marks = "(" + ", ".join("?" for _ in cols) + ")"
        for start in range(0, len(values), chunk):
            part = values[start : start + chunk]
            marks = ", ".join(row_marks for _ in part)
            self._run(f"INSERT INTO {table} ({', '.join(cols)}) VALUES {marks} ON CONFLICT {conflict}",
                      [v for row in part for v in row])

    def migrate(self) -> None:
        self._run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
        done = {r["version"] for r in self._rows("SELECT version FROM schema_migrations")}
        for version, script in migrations():
            if version in done:
                continue
            with self.transaction():
                for stmt in _statements(script):
                    self._run(stmt)
                self._run("INSERT INTO schema_migrations VALUES (?, ?)", [version, rows.now().isoformat()])

    def schema_version(self) -> int:
        found = self._rows("SELECT max(version) AS v FROM schema_migrations")
        return int(found[0]["v"] or 0)

    # -- articles
    def has_raw(self, raw_id: str) -> bool:
        return bool(self._rows("SELECT 1 AS x FROM article_copies WHERE raw_id = ? LIMIT 1", [raw_id]))

    def has_article(self, article_id: str) -> bool:
        return bool(self._rows("SELECT 1 AS x FROM articles WHERE id = ?", [article_id]))

    def put_article(self, article: Article, raw: RawItem, *, duplicate_of: str | None = None,
                    similarity: float | None = None, signature: bytes | None = None) -> PutOutcome:
        if self.has_article(article.id):
            self.add_copy(article.id, raw)
            return "duplicate"
        row = rows.article_row(article)
        row.update(duplicate_of=duplicate_of, similarity=similarity, signature=signature,
                   coded=duplicate_of is not None)
        self._insert("articles", row)
        self.add_copy(duplicate_of or article.id, raw)
        return "near-duplicate" if duplicate_of else "stored"

    def add_copy(self, article_id: str, raw: RawItem) -> bool:
        before = self.has_raw(raw.id)
        self._insert("article_copies", rows.copy_row(article_id, raw))
        return not before

    def get_article(self, article_id: str) -> Article:
        found = self._rows("SELECT * FROM articles WHERE id = ?", [article_id])
        if not found:
            raise NotFoundError(f"no article {article_id}")
        return rows.row_article(found[0])

    def article_rows(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT a.id, a.title, a.outlet, a.url, a.published, a.published_method, a.dateline, a.source,"
            " a.duplicate_of, (SELECT count(*) FROM article_copies c WHERE c.article_id = a.id) AS copies,"
            " (SELECT count(*) FROM event_mentions m WHERE m.article_id = a.id) AS mentions"
            " FROM articles a ORDER BY a.published NULLS LAST, a.id LIMIT ? OFFSET ?", [limit, offset])

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for r in self._rows("SELECT id, signature FROM articles WHERE signature IS NOT NULL"
                            " AND duplicate_of IS NULL ORDER BY id"):
            yield r["id"], bytes(r["signature"])

    def uncoded_articles(self) -> Iterator[Article]:
        """Articles not yet coded, except those quarantined after cleaning (never retried automatically)."""
        for r in self._rows("SELECT * FROM articles WHERE NOT coded AND id NOT IN"
                            " (SELECT article_id FROM quarantine WHERE article_id IS NOT NULL) ORDER BY id"):
            yield rows.row_article(r)

    def mark_coded(self, *article_ids: str) -> None:
        for start in range(0, len(article_ids), 300):
            part = article_ids[start : start + 300]
            self._run(f"UPDATE articles SET coded = TRUE WHERE id IN ({', '.join('?' for _ in part)})", list(part))

    # -- quarantine
    def put_quarantine(self, item: Quarantined) -> bool:
        qid = content_hash(item.source, item.reason, item.raw_id or "", item.stage)
        fresh = not self._rows("SELECT 1 AS x FROM quarantine WHERE id = ?", [qid])
        self._insert("quarantine", {"id": qid, "source": item.source, "reason": item.reason,
                                    "stage": item.stage, "raw_id": item.raw_id, "detail": item.detail[:2000],
                                    "quarantined_at": rows.now(), "article_id": item.article_id})
        return fresh

    def is_quarantined(self, raw_id: str) -> bool:
        """True when this raw item was quarantined by an earlier run (it is not retried automatically)."""
        return bool(self._rows("SELECT 1 AS x FROM quarantine WHERE raw_id = ? LIMIT 1", [raw_id]))

    def release_quarantined(self) -> int:
        """Forget every document-level quarantine row so the next run tries those documents again.

        Stored articles that failed after cleaning become uncoded work again; raw items that failed
        cleaning are cleaned again when their source is read. Returns the number of rows released.
        """
        where = " FROM quarantine WHERE raw_id IS NOT NULL OR article_id IS NOT NULL"
        found = int(self._rows("SELECT count(*) AS n" + where)[0]["n"])
        self._run("DELETE" + where)
        return found

    def quarantine_rows(self, limit: int = 100) -> list[dict[str, Any]]:
        return self._rows("SELECT source, reason, stage, detail, quarantined_at FROM quarantine"
                          " ORDER BY quarantined_at, id LIMIT ?", [limit])

    # -- annotations and mentions
    def put_annotations(self, *anns: AnnotatedArticle) -> None:
        """The annotations of whole articles, each table in few statements however many articles."""
        tables: dict[str, list[tuple[Any, ...]]] = {}
        for ann in anns:
            for table, values in rows.annotation_rows(ann).items():
                tables.setdefault(table, []).extend(values)
        for table, values in tables.items():
            self._insert_many(table, _ANN_COLS[table], values)
        actors: dict[str, Any] = {}
        for m in (m for ann in anns for m in ann.actors):
            actors.setdefault(m.actor.id, m.actor)  # first one wins, as ON CONFLICT DO NOTHING row by row
        self._insert_many("actors", ("id", "name", "country", "sector", "resolved"),
                          [(a.id, a.name, a.country, a.sector, a.resolved) for a in actors.values()])

    def put_mentions(self, mentions: Sequence[EventMention]) -> None:
        found = [rows.mention_row(m) for m in mentions]
        if found:
            self._insert_many("event_mentions", tuple(found[0]), [tuple(r.values()) for r in found])

    def mentions(self, *, unassigned_only: bool = False) -> list[EventMention]:
        where = " WHERE event_id IS NULL" if unassigned_only else ""
        found = self._rows(f"SELECT record_json FROM event_mentions{where} ORDER BY id")
        return [codec.loads(EventMention, r["record_json"]) for r in found]

    def put_mention_blocks(self, blocks: Iterable[tuple[str, tuple[str, str, int]]]) -> None:
        """(mention id, block key) pairs."""
        self._insert_many("mention_blocks", ("kind", "value", "day", "mention_id"),
                          [(kind, value, day, mention_id) for mention_id, (kind, value, day) in blocks])

    def mentions_in_blocks(self, keys: Sequence[BlockKey], decoded: dict[str, EventMention] | None = None
                           ) -> dict[BlockKey, list[EventMention]]:
        """Stored mentions under each of many block keys, in few queries (clustering prefetches with it).

        ``decoded``: mentions already read, by id (the caller's, kept across calls): they are neither fetched
        nor decoded again, and what is read here is added. The keys' rows are read first (ids only), then the
        records of the ids not yet decoded, once each: a mention sits under several keys, and the closure of
        one batch reads the same stored mentions on every frontier (fetching and decoding them again was most
        of clustering's cost on a grown store).
        """
        known = decoded if decoded is not None else {}
        out: dict[BlockKey, list[EventMention]] = {(k[0], k[1], int(k[2])): [] for k in keys}
        rows = self._block_rows(sorted(out))
        missing = sorted({mid for _, mid in rows} - known.keys())
        for start in range(0, len(missing), 300):
            ids = missing[start : start + 300]
            marks = ", ".join("?" for _ in ids)
            for r in self._rows(f"SELECT id, record_json FROM event_mentions WHERE id IN ({marks})", ids):
                known[r["id"]] = codec.loads(EventMention, r["record_json"])
        for key, mid in sorted(rows, key=lambda row: row[1]):
            if mid in known:
                out[key].append(known[mid])
        return out

    def _block_rows(self, keys: Sequence[BlockKey]) -> list[tuple[BlockKey, str]]:
        """(key, mention id) for every stored mention under any of ``keys`` (distinct keys), a few queries."""
        rows: list[tuple[BlockKey, str]] = []
        for start in range(0, len(keys), 300):
            part = keys[start : start + 300]
            marks = ", ".join("(?, ?, ?)" for _ in part)
            found = self._rows("SELECT kind, value, day, mention_id FROM mention_blocks"
                               f" WHERE (kind, value, day) IN ({marks})", [x for k in part for x in k])
            rows.extend(((r["kind"], r["value"], int(r["day"])), r["mention_id"]) for r in found)
        return rows

    def mentions_in_block(self, key: tuple[str, str, int]) -> list[EventMention]:
        found = self._rows("SELECT m.record_json FROM mention_blocks b JOIN event_mentions m ON m.id = b.mention_id"
                           " WHERE b.kind = ? AND b.value = ? AND b.day = ? ORDER BY m.id", list(key))
        return [codec.loads(EventMention, r["record_json"]) for r in found]

    def mentions_for_event(self, event_id: str) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT m.*, a.title, a.outlet, a.url, a.body FROM event_mentions m"
            " JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.id", [event_id])

    # -- events
    def put_events(self, events: Iterable[Event], *, replace_ids: Iterable[str] = ()) -> int:
        """Upsert merged events and point their mentions at them; retired ids are removed first.

        Statements go in chunks (a statement per event and per mention dominated clustering's time).
        """
        found = list(events)
        retired = list(replace_ids)
        self._delete_events(retired, unassign=True)
        self._delete_events([e.id for e in found], unassign=False)
        if not found:
            return 0
        event_rows = [rows.event_row(e) for e in found]
        self._insert_many("events", tuple(event_rows[0]), [tuple(r.values()) for r in event_rows])
        self._insert_many("event_actors", ("event_id", "actor_id", "role"),
                          [t for e in found for t in rows.event_actor_rows(e)])
        pairs = [(mid, e.id) for e in found for mid in e.mention_ids]
        for start in range(0, len(pairs), 200):
            part = pairs[start : start + 200]
            values = ", ".join("(?, ?)" for _ in part)
            self._run(f"UPDATE event_mentions SET event_id = v.eid FROM (VALUES {values}) AS v(mid, eid)"
                      " WHERE event_mentions.id = v.mid", [x for pair in part for x in pair])
        return len(found)

    def _delete_events(self, ids: Sequence[str], *, unassign: bool) -> None:
        for start in range(0, len(ids), 300):
            part = list(ids[start : start + 300])
            marks = ", ".join("?" for _ in part)
            self._run(f"DELETE FROM event_actors WHERE event_id IN ({marks})", part)
            self._run(f"DELETE FROM events WHERE id IN ({marks})", part)
            if unassign:
                self._run(f"UPDATE event_mentions SET event_id = NULL WHERE event_id IN ({marks})", part)

    def import_events(self, events: Sequence[Event]) -> int:
        """Bulk upsert of imported events (no mentions): a few bulk statements per table, not one per row.

        A later row with an id already in the batch replaces the earlier one, as a re-import replaces a stored one.
        """
        latest = {e.id: e for e in events}
        if not latest:
            return 0
        event_rows = [rows.event_row(e) for e in latest.values()]
        actor_rows = [t for e in latest.values() for t in rows.event_actor_rows(e)]
        with self.transaction():
            self._delete_events(list(latest), unassign=False)
            self._bulk_insert("events", tuple(event_rows[0]), [tuple(r.values()) for r in event_rows])
            self._bulk_insert("event_actors", ("event_id", "actor_id", "role"), actor_rows)
        return len(event_rows)

    def _bulk_insert(self, table: str, cols: Sequence[str], values: Sequence[Sequence[Any]]) -> None:
        """Rows known not to be in ``table`` yet, in the backend's fastest way (Arrow in DuckDB, COPY in PostgreSQL)."""
        self._insert_many(table, cols, values)

    def get_event(self, event_id: str) -> Event:
        found = self._rows("SELECT record_json FROM events WHERE id = ?", [event_id])
        if not found:
            raise NotFoundError(f"no event {event_id}")
        return codec.loads(Event, found[0]["record_json"])

    def events_holding(self, mention_ids: Sequence[str]) -> list[Event]:
        """Stored events that hold any of these mentions (clustering retires or renames only those)."""
        ids = sorted(set(mention_ids))
        found: dict[str, Event] = {}
        for start in range(0, len(ids), 300):
            part = ids[start : start + 300]
            marks = ", ".join("?" for _ in part)
            for r in self._rows("SELECT id, record_json FROM events WHERE id IN"
                                f" (SELECT DISTINCT event_id FROM event_mentions WHERE id IN ({marks}))", part):
                found.setdefault(r["id"], codec.loads(Event, r["record_json"]))
        return [found[k] for k in sorted(found)]

    def all_events(self, origin: str | None = None) -> list[Event]:
        sql, params = "SELECT record_json FROM events", []
        if origin:
            sql, params = sql + " WHERE origin = ?", [origin]
        return [codec.loads(Event, r["record_json"]) for r in self._rows(sql + " ORDER BY id", params)]

    # -- fetch state, runs, query
    def get_fetch_state(self, url: str) -> tuple[str | None, str | None]:
        found = self._rows("SELECT etag, last_modified FROM fetch_state WHERE url = ?", [url])
        return (found[0]["etag"], found[0]["last_modified"]) if found else (None, None)

    def put_fetch_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._insert("fetch_state", {"url": url, "etag": etag, "last_modified": last_modified},
                     conflict="(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified")

    def record_run(self, run_id: str, summary: RunSummary) -> None:
        self._insert("runs", {"id": run_id, "started_at": rows.now(), "finished_at": rows.now(),
                              "read_count": summary.read, "stored_count": summary.stored,
                              "duplicate_count": summary.duplicates + summary.near_duplicates,
                              "quarantined_count": summary.quarantined, "event_count": summary.events,
                              "skipped_count": summary.skipped})

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self._rows(sql, params)

    def counts(self) -> dict[str, int]:
        tables = ("articles", "article_copies", "quarantine", "event_mentions", "events", "actors")
        return {t: int(self._rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in tables}


