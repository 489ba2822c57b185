"""The one exception hierarchy. Foreign errors are translated into these once, at the boundary."""

from __future__ import annotations


class SpillwatchError(Exception):
    """Base of every error spillwatch raises on purpose."""


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
