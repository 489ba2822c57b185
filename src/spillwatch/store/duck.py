"""DuckDB backend: the embedded default (a single file, or ':memory:')."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb

from spillwatch.errors import StoreError
from spillwatch.store.sqlstore import SqlStore


class DuckDBStore(SqlStore):
    def __init__(self, path: str = "spillwatch.duckdb", *, read_only: bool = False) -> None:
        self.url = path
        try:
            self._con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open DuckDB store: {exc}") from exc
        self._con.execute("SET late_materialization_max_rows = 1000")  # page rows fetched after the top-N sort
        self._lock = threading.RLock()
        self._depth = 0
        if not read_only:
            self.migrate()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            with self._lock:
                self._con.execute(sql, list(params))
        except duckdb.Error as exc:
            raise StoreError(f"{self.url}: {exc}") from exc

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            with self._lock:
                cur = self._con.execute(sql, list(params))
                names = [d[0] for d in cur.description or ()]
                return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"{self.url}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            self._depth += 1
            outer = self._depth == 1
            if outer:
                self._con.execute("BEGIN TRANSACTION")
            try:
                yield
            except BaseException:
                if outer:
                    self._con.execute("ROLLBACK")
                raise
            else:
                if outer:
                    self._con.execute("COMMIT")
            finally:
                self._depth -= 1

    def close(self) -> None:
        self._con.close()

    def export(self, sql: str, path: str, fmt: str, params: Sequence[Any] = ()) -> None:
        """Write a query's result to Parquet or CSV with DuckDB's COPY."""
        option = {"parquet": "FORMAT PARQUET", "csv": "FORMAT CSV, HEADER"}[fmt]
        escaped = path.replace("'", "''")
        self._execute(f"COPY ({sql}) TO '{escaped}' ({option})", params)
