"""Storage: one protocol (base.Store), a DuckDB default and a PostgreSQL backend chosen by URL."""

from __future__ import annotations

from spillwatch.errors import ConfigError
from spillwatch.store.base import EventFilter, RunSummary, Store


def open_store(url: str, *, read_only: bool = False, lock_wait: float | None = None,
               linger: float | None = None) -> Store:
    """A DuckDB path (default) or a ``postgresql://`` URL.

    For DuckDB, ``lock_wait`` bounds the wait for a file another process holds and ``linger`` is how long
    the file stays held once idle (see ``store/duck.py``); None keeps the defaults.
    """
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from spillwatch.store.postgres import PostgresStore
        except ImportError as exc:  # pragma: no cover - depends on installed extras
            raise ConfigError(f"PostgreSQL backend unavailable: {exc}") from exc
        return PostgresStore(url)
    from spillwatch.store.duck import DuckDBStore

    options = {k: v for k, v in (("lock_wait", lock_wait), ("linger", linger)) if v is not None}
    return DuckDBStore(url, read_only=read_only, **options)


__all__ = ["EventFilter", "RunSummary", "Store", "open_store"]
