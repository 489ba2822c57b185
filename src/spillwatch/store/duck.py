"""DuckDB backend: the embedded default (a single file, or ':memory:').

A DuckDB file admits one read-write process or several read-only ones. So that the dashboard, the
CLI and a notebook can share one file, a store holds its file only while it uses it: the
connection opens on the first statement and closes once the store has been idle for ``linger``
seconds (a transaction, or an export that is streaming, keeps it open). Opening a file another
process holds is retried for ``lock_wait`` seconds, then fails with one ``StoreError`` line.
``:memory:`` keeps its one connection for the store's life.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import duckdb

from spillwatch.errors import StoreLockedError
from spillwatch.store.failures import store_error
from spillwatch.store.sqlstore import SqlStore

if TYPE_CHECKING:
    import pyarrow as pa

LOCK_WAIT = 30.0  # seconds an open waits for another process to let the file go
LINGER = 0.25  # idle seconds before the file is let go


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


class DuckDBStore(SqlStore):
    def __init__(self, path: str = "spillwatch.duckdb", *, read_only: bool = False,
                 lock_wait: float = LOCK_WAIT, linger: float = LINGER) -> None:
        self.url = path
        self._read_only = read_only
        self._lock_wait = lock_wait
        self._linger = linger
        self._keep = path.startswith(":memory:")
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0  # leases in progress (statements, transactions, streaming exports)
        self._depth = 0
        self._last_used = time.monotonic()
        self._closer: threading.Thread | None = None
        self._stop = threading.Event()
        with self._lease():
            if not read_only:
                self.migrate()

    # -- the file is held only while it is used
    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self._lock_wait
        pause = 0.02
        while True:
            try:
                con = duckdb.connect(self.url, read_only=self._read_only)
                break
            except duckdb.Error as exc:
                if not _is_lock_conflict(exc):
                    raise store_error(self.url, exc, "cannot open DuckDB store") from exc
                if time.monotonic() >= deadline:
                    raise StoreLockedError(f"{self.url}: another process holds the store (it is writing, or has"
                                           f" it open read-write); gave up after {self._lock_wait:g} s: try again"
                                           " when it has finished, or use PostgreSQL for several writers") from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
        con.execute("SET late_materialization_max_rows = 1000")  # page rows fetched after the top-N sort
        con.execute("SET enable_progress_bar = false")  # the CLI draws its own; never DuckDB's on stderr
        return con

    @contextmanager
    def _lease(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._con is None:
                self._con = self._connect()
            self._users += 1
            try:
                yield self._con
            finally:
                self._users -= 1
                self._last_used = time.monotonic()
                if self._users == 0:
                    self._release_later()

    def _release_later(self) -> None:
        if self._keep:
            return
        if self._linger <= 0:
            self._let_go()
        elif self._closer is None:
            self._closer = threading.Thread(target=self._close_when_idle, name="duckdb-closer", daemon=True)
            self._closer.start()

    def _close_when_idle(self) -> None:
        while not self._stop.wait(self._linger / 2):
            with self._lock:
                if self._users == 0 and self._con is not None and \
                        time.monotonic() - self._last_used >= self._linger:
                    self._let_go()

    def _let_go(self) -> None:
        with self._lock:
            if self._con is not None and self._users == 0:
                con, self._con = self._con, None
                con.close()

    # -- SqlStore plumbing
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            with self._lease() as con:
                con.execute(sql, list(params))
        except duckdb.Error as exc:
            raise store_error(self.url, exc) from exc

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            with self._lease() as con:
                cur = con.execute(sql, list(params))
                names = [d[0] for d in cur.description or ()]
                return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        except duckdb.Error as exc:
            raise store_error(self.url, exc) from exc

    def _bulk_insert(self, table: str, cols: Sequence[str], values: Sequence[Sequence[Any]]) -> None:
        """New rows through one Arrow table (DuckDB reads it in place), not one statement per row."""
        if values:
            names = ", ".join(cols)
            self._over_arrow({c: [v[i] for v in values] for i, c in enumerate(cols)},
                             [f"INSERT INTO {table} ({names}) SELECT {names} FROM _spillwatch_rows"])

    def _delete_events(self, ids: Sequence[str], *, unassign: bool) -> None:
        """Events by id in a few statements however many ids (an Arrow list of ids DuckDB joins)."""
        if not ids:
            return
        statements = ["DELETE FROM event_actors WHERE event_id IN (SELECT id FROM _spillwatch_rows)",
                      "DELETE FROM events WHERE id IN (SELECT id FROM _spillwatch_rows)"]
        if unassign:
            statements.append("UPDATE event_mentions SET event_id = NULL WHERE event_id IN"
                              " (SELECT id FROM _spillwatch_rows)")
        self._over_arrow({"id": list(ids)}, statements)

    def _block_rows(self, keys: Sequence[tuple[str, str, int]]) -> list[tuple[tuple[str, str, int], str]]:
        """The keys' rows in one hash join with the keys as an Arrow table: a list of tuples in ``IN`` is not
        read through the primary key here, so each query of 300 keys scanned the whole of ``mention_blocks``
        (at 2,200 stored articles of ``bench_cluster_growth``, 26 such queries took 0.68 s of a 2.4 s batch)."""
        if not keys:
            return []
        import pyarrow as pa

        table = pa.table({"kind": [k[0] for k in keys], "value": [k[1] for k in keys],
                          "day": pa.array([int(k[2]) for k in keys], pa.int32())})
        try:
            with self._lease() as con:
                con.register("_spillwatch_keys", table)
                try:
                    found = con.execute("SELECT b.kind, b.value, b.day, b.mention_id FROM mention_blocks b"
                                        " JOIN _spillwatch_keys k ON b.kind = k.kind AND b.value = k.value"
                                        " AND b.day = k.day").fetchall()
                finally:
                    con.unregister("_spillwatch_keys")
        except duckdb.Error as exc:
            raise store_error(self.url, exc) from exc
        return [((kind, value, int(day)), mid) for kind, value, day, mid in found]

    def _over_arrow(self, columns: dict[str, list[Any]], statements: Sequence[str]) -> None:
        """Run ``statements`` with ``columns`` visible to them as the table ``_spillwatch_rows``."""
        import pyarrow as pa

        try:
            with self._lease() as con:
                con.register("_spillwatch_rows", pa.table(columns))
                try:
                    for sql in statements:
                        con.execute(sql)
                finally:
                    con.unregister("_spillwatch_rows")
        except duckdb.Error as exc:
            raise store_error(self.url, exc) from exc

    def record_batches(self, sql: str, params: Sequence[Any] = (), size: int = 10_000) -> Iterator[pa.RecordBatch]:
        """A query's result as Arrow batches of ``size`` rows, streamed (the file is held until the last one).

        It reads through a connection of its own, so other statements on this store may run between batches.
        """
        try:
            with self._lease() as con:
                reader_con = con.cursor() if self._keep else self._connect()
            reader = reader_con.sql(sql, params=list(params)).to_arrow_reader(size)
        except duckdb.Error as exc:
            raise store_error(self.url, exc) from exc
        try:
            yield from reader
        except duckdb.Error as exc:
            raise store_error(self.url, exc) from exc
        finally:
            reader_con.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lease() as con:
            self._depth += 1
            outer = self._depth == 1
            if outer:
                con.execute("BEGIN TRANSACTION")
            try:
                yield
            except BaseException:
                if outer:
                    con.execute("ROLLBACK")
                raise
            else:
                if outer:
                    con.execute("COMMIT")
            finally:
                self._depth -= 1

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def export(self, sql: str, path: str, fmt: str, params: Sequence[Any] = ()) -> None:
        """Write a query's result to Parquet or CSV with DuckDB's COPY."""
        option = {"parquet": "FORMAT PARQUET", "csv": "FORMAT CSV, HEADER"}[fmt]
        escaped = path.replace("'", "''")
        self._execute(f"COPY ({sql}) TO '{escaped}' ({option})", params)
