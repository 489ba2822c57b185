"""The one exception hierarchy. Foreign errors are translated into these once, at the boundary.

::

    SpillwatchError                 base of every error spillwatch raises on purpose
    ├── ConfigError                 bad settings, a missing model or package, a bad stage table
    ├── SourceError                 a document or source could not be read (names the source; .reason)
    │   ├── FetchError              a URL could not be fetched                      "fetch-failed"
    │   │   └── BlockedAddressError private/loopback/link-local address refused     "blocked-address"
    │   ├── DecodeError             bytes that are not text                         "undecodable"
    │   ├── ExtractError            no article in the document                      "no-article"
    │   └── ImportRowError          one bad row of an imported event file           "bad-row"
    ├── StoreError                  the store failed (connection, migration, constraint)
    │   └── StoreLockedError        another process holds the DuckDB file past the lock wait
    ├── JobError                    a distributed job failed after its engine's retries
    └── NotFoundError               a requested record does not exist

Every error pickles and unpickles to an equal error (same class, message, ``args`` and context
attributes such as ``source``, ``message`` and ``reason``), so an error raised in a worker process
crosses the process boundary intact: ``__reduce__`` rebuilds it without calling ``__init__``.
Context beyond the source and the message is keyword-only (``reason=``).
"""

from __future__ import annotations

from typing import Any


def _rebuild(cls: type[SpillwatchError], args: tuple[Any, ...], state: dict[str, Any]) -> SpillwatchError:
    """Unpickle an error: its class, its ``args`` and its context attributes, no ``__init__`` call."""
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class SpillwatchError(Exception):
    """Base of every error spillwatch raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class ConfigError(SpillwatchError):
    """Bad settings or a missing model/package."""


class SourceError(SpillwatchError):
    """A document or source could not be read; names the source."""

    reason = "unreadable"

    def __init__(self, source: str, message: str, *, reason: str | None = None) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        if reason is not None:
            self.reason = reason


class FetchError(SourceError):
    """A URL could not be fetched (network, status, size cap, timeout)."""

    reason = "fetch-failed"


class BlockedAddressError(FetchError):
    """A URL resolves to a private, loopback or link-local address and that is not allowed."""

    reason = "blocked-address"


class DecodeError(SourceError):
    """Bytes that are not text in any encoding we accept, or binary junk."""

    reason = "undecodable"


class ExtractError(SourceError):
    """The cleaner found no article in the document (empty, boilerplate only, timeout)."""

    reason = "no-article"


class StoreError(SpillwatchError):
    """The store failed (connection, migration, constraint)."""


class JobError(SpillwatchError):
    """A distributed job failed after its engine's own retries (the first error line is kept)."""


class NotFoundError(SpillwatchError):
    """A requested record does not exist."""


class ImportRowError(SourceError):
    """One row of an imported event file could not be read."""

    reason = "bad-row"


class StoreLockedError(StoreError):
    """Another process held the store's file for longer than the settings' lock_wait."""
