"""Isolation for the ingest readers: one damaged input becomes one Quarantined row, never a stopped run.

Input: the failure of reading one file, URL, archive record, JSON record or feed entry, as any
exception. Output: a ``Quarantined`` row (stage "ingest") naming that input, with the reason of a
``SourceError`` or, for a foreign exception (a library's OverflowError, ValueError, ...), reason
"reader-error" and the exception's type and text in the detail. Project errors that are not about
the input (``ConfigError``, ``StoreError``) are not caught: they concern the whole run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from spillwatch.errors import SourceError, SpillwatchError
from spillwatch.records import Quarantined

STAGE = "ingest"
FOREIGN_REASON = "reader-error"
_DETAIL_CHARS = 500
T = TypeVar("T")


def as_source_error(exc: Exception, source: str) -> SourceError:
    """``exc`` itself when it is a SourceError, else a SourceError carrying its type and text.

    Re-raises project errors that are not SourceErrors: a bad setting is not a bad document.
    """
    if isinstance(exc, SourceError):
        return exc
    if isinstance(exc, SpillwatchError):
        raise exc
    text = f"{type(exc).__name__}: {exc}"[:_DETAIL_CHARS]
    return SourceError(source, f"reader failed: {text}", reason=FOREIGN_REASON)


def quarantined(exc: Exception, source: str, note: str = "") -> Quarantined:
    """The Quarantined row for a failure to read ``source`` (``note`` says where it was listed)."""
    err = as_source_error(exc, source)
    detail = f"{err.message} ({note})" if note else err.message
    return Quarantined(source=source, reason=err.reason, stage=STAGE, detail=detail)


def isolated(results: Iterator[T], source: str, note: str = "") -> Iterator[T | Quarantined]:
    """``results`` until one raises; that failure becomes one Quarantined row naming ``source``.

    Items yielded before the failure are kept; the caller goes on with its next input.
    """
    try:
        yield from results
    except Exception as exc:  # the isolation boundary: any failure is this input's
        yield quarantined(exc, source, note)
