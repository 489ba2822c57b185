"""One line for a store that fails: the driver's words, then what to do about them.

A damaged store file (DuckDB: "not a valid DuckDB database file", a checksum or "corrupt" error;
PostgreSQL: an invalid page) says to restore a copy; a full disk says to free space and run the
command again (what was stored stays: each article and each coded batch is written in one
transaction, so an ingest resumes). Any other driver error is passed on as it is.
"""

from __future__ import annotations

from spillwatch.errors import StoreError

_FULL = ("no space left on device", "disk full", "could not extend file", "disk quota exceeded")
_DAMAGED = ("not a valid duckdb database file", "corrupt", "checksum", "invalid page", "malformed",
            "could not read enough bytes")
FULL_ADVICE = "the disk is full: free space, then run the command again (what was stored is kept)"
DAMAGED_ADVICE = ("the store file is damaged: restore it from a copy, or ingest again into a new --db "
                  "(spillwatch cannot repair it)")


def advice(text: str) -> str | None:
    """What to do about a store failure described by ``text``; None when there is nothing to add."""
    low = text.lower()
    if any(key in low for key in _FULL):
        return FULL_ADVICE
    if any(key in low for key in _DAMAGED):
        return DAMAGED_ADVICE
    return None


def store_error(where: str, exc: BaseException, doing: str = "") -> StoreError:
    """``StoreError("WHERE: [DOING: ]DRIVER TEXT; ADVICE")`` for a driver's error ``exc``."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    hint = advice(text)
    return StoreError(f"{where}: {doing + ': ' if doing else ''}{text}{'; ' + hint if hint else ''}")
