"""Storage: one protocol (base.Store), a DuckDB default and a PostgreSQL backend chosen by URL."""

from __future__ import annotations

from spillwatch.errors import ConfigError
from spillwatch.store.base import EventFilter, RunSummary, Store


def open_store(url: str, *, read_only: bool = False) -> Store:
    """A DuckDB path (default) or a ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://")):
        try:
            from spillwatch.store.postgres import PostgresStore
        except ImportError as exc:  # pragma: no cover - depends on installed extras
            raise ConfigError(f"PostgreSQL backend unavailable: {exc}") from exc
        return PostgresStore(url)
    from spillwatch.store.duck import DuckDBStore

    return DuckDBStore(url, read_only=read_only)


__all__ = ["EventFilter", "RunSummary", "Store", "open_store"]
