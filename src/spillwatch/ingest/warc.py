"""WARC archives (plain or gzipped): one RawItem per captured HTML or plain-text page.

Input: a binary stream of a WARC file and the name of its source. Output: RawItem (kind html or
text) per ``response`` or ``resource`` record, with ``url`` = WARC-Target-URI, ``fetched_at`` =
WARC-Date (the capture time), ``declared_date`` = the HTTP Last-Modified header when present, and
``source`` = ``<archive>#<record offset>``.
Declines, as Quarantined rows: captures with an HTTP status other than 200 ("http-<code>"), other
content types such as images or scripts ("unsupported-content-type"), empty or over-cap payloads,
binary payloads, and archives that stop parsing ("bad-warc"; records before the damage are kept).
Records that are not documents (warcinfo, request, metadata, revisit) are passed over.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from spillwatch.errors import SourceError
from spillwatch.ingest.files import document_item
from spillwatch.records import Quarantined, RawItem

STAGE = "ingest"
DOCUMENT_RECORDS = frozenset({"response", "resource"})
_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def iter_warc(stream: IO[bytes], source: str, *, max_bytes: int) -> Iterator[RawItem | Quarantined]:
    """Documents in the archive read from ``stream``, in archive order."""
    try:
        archive = ArchiveIterator(stream)
        for record in archive:
            if record.rec_type in DOCUMENT_RECORDS:
                where = f"{source}#{archive.get_record_offset()}"
                yield _record_item(record, where, max_bytes)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        yield Quarantined(source=source, reason="bad-warc", stage=STAGE, detail=f"{type(exc).__name__}: {exc}")


def _record_item(record: Any, where: str, max_bytes: int) -> RawItem | Quarantined:
    try:
        return _read_record(record, where, max_bytes)
    except SourceError as exc:
        return Quarantined(source=where, reason=exc.reason, stage=STAGE, detail=exc.message)


def _read_record(record: Any, where: str, max_bytes: int) -> RawItem:
    headers = record.http_headers if record.rec_type == "response" else None
    if record.rec_type == "response":
        _check_status(headers, where)
    content_type = (headers or record.rec_headers).get_header("Content-Type") or ""
    media, charset = _split_content_type(content_type)
    kind = _KINDS.get(media)
    if kind is None:
        detail = f"content type {media or 'none'!r} is not a document"
        raise SourceError(where, detail, reason="unsupported-content-type")
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(where, f"payload over {max_bytes} bytes", reason="too-large")
    item = document_item(data, where, "html" if kind == "html" else "text", declared=charset)
    return replace(
        item,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        declared_date=headers.get_header("Last-Modified") if headers is not None else None,
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def _check_status(headers: Any, where: str) -> None:
    if headers is None:
        raise SourceError(where, "response record without HTTP headers", reason="unsupported-content-type")
    status = headers.get_statuscode()
    if status != "200":
        raise SourceError(where, f"captured HTTP status {status}", reason=f"http-{status}")


def _split_content_type(value: str) -> tuple[str, str | None]:
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media.strip().lower(), charset


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
