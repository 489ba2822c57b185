"""PostgreSQL backend, chosen by a ``postgresql://`` URL. Same SQL and migrations as DuckDB.

One connection, one writer; each ``transaction()`` block is atomic so a crash never leaves half an
article (the runner wraps each document in one).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.rows import dict_row

from spillwatch.store.failures import store_error
from spillwatch.store.sqlstore import SqlStore

if TYPE_CHECKING:
    import pyarrow as pa


class PostgresStore(SqlStore):
    placeholder = "%s"

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._con = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise store_error(_redact(url), exc, "cannot connect") from exc
        self.migrate()

    def _sql(self, sql: str) -> str:
        sql = sql.replace("%", "%%").replace("?", "%s")
        sql = sql.replace("list_has_any(string_split(", "arrayoverlap(string_to_array(")  # DuckDB list names
        return sql.replace("SELECT * EXCLUDE (record_json)", "SELECT " + _EVENT_COLUMNS)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._con.execute(sql, list(params))
        except psycopg.Error as exc:
            raise store_error(_redact(self.url), exc) from exc

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cur = self._con.execute(sql, list(params))
            return list(cur.fetchall()) if cur.description else []
        except psycopg.Error as exc:
            raise store_error(_redact(self.url), exc) from exc

    def _bulk_insert(self, table: str, cols: Sequence[str], values: Sequence[Sequence[Any]]) -> None:
        """New rows through COPY (psycopg's copy protocol), not one statement per row."""
        if not values:
            return
        try:
            with self._con.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise store_error(_redact(self.url), exc) from exc

    def _delete_events(self, ids: Sequence[str], *, unassign: bool) -> None:
        """Events by id in a few statements however many ids (one array parameter each)."""
        if not ids:
            return
        gone = [list(ids)]
        self._execute("DELETE FROM event_actors WHERE event_id = ANY(%s)", gone)
        self._execute("DELETE FROM events WHERE id = ANY(%s)", gone)
        if unassign:
            self._execute("UPDATE event_mentions SET event_id = NULL WHERE event_id = ANY(%s)", gone)

    def record_batches(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[pa.RecordBatch]:
        """A query's result as Arrow batches of ``size`` rows, through a server-side cursor on its own connection."""
        import pyarrow as pa

        try:
            with psycopg.connect(self.url, row_factory=dict_row) as con, con.cursor(name="spillwatch_export") as cur:
                cur.itersize = size
                cur.execute(self._sql(sql), list(params))
                while found := cur.fetchmany(size):
                    yield pa.RecordBatch.from_pylist(found)
        except psycopg.Error as exc:
            raise store_error(_redact(self.url), exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self._con.transaction():
                yield
        except psycopg.Error as exc:
            raise store_error(_redact(self.url), exc) from exc

    def close(self) -> None:
        self._con.close()


_EVENT_COLUMNS = (
    "id, type, modes, source_ids, source_names, target_ids, target_names, date_start, date_end, date_precision,"
    " place_name, geonameid, country_iso3, adm1_code, adm1_name, lat, lon, where_prec, fatalities_low,"
    " fatalities_best, fatalities_high, acled_type, acled_subtype, modality, n_mentions, n_articles, outlets,"
    " confidence, origin, external_id, headline, date_source"
)


def _redact(url: str) -> str:
    """Never print a password from a connection URL."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
