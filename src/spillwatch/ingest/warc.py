"""WARC archives (plain or gzipped): one RawItem per captured HTML or plain-text page.

Input: a binary stream of a WARC file and the name of its source. Output: RawItem (kind html or
text) per ``response`` or ``resource`` record, with ``url`` = WARC-Target-URI, ``fetched_at`` =
WARC-Date (the capture time) and ``source`` = ``<archive>#<record offset>``. ``declared_date``
stays None: neither the capture time nor HTTP Last-Modified (often the serving time) is a
publication date, and the cleaner ranks a declared date above what it finds in the page.
Declines, as Quarantined rows: captures with an HTTP status other than 200 ("http-<code>"), other
content types such as images or scripts ("unsupported-content-type"), empty or over-cap payloads,
binary payloads, truncated or unparsable records ("bad-warc"; records before the damage are
kept), and archives without any response or resource record ("empty").
Records that are not documents (warcinfo, request, metadata, revisit) are passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from spillwatch.errors import SourceError
from spillwatch.ingest.failures import quarantined
from spillwatch.ingest.files import document_item
from spillwatch.records import Quarantined, RawItem

STAGE = "ingest"
DOCUMENT_RECORDS = frozenset({"response", "resource"})
_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def iter_warc(stream: IO[bytes], source: str, *, max_bytes: int) -> Iterator[RawItem | Quarantined]:
    """Documents in the archive read from ``stream``, in archive order."""
    try:
        archive = ArchiveIterator(stream)
        records = iter(archive)
    except Exception as exc:  # see below
        yield _broken(source, exc)
        return
    count = 0
    while True:
        try:
            record = next(records)
            payload, where = _take(record, archive, source, max_bytes)
        except SourceError:  # the stream under warcio failed (decompression cap or damage): its own reason
            raise
        except StopIteration:
            if count == 0:
                yield Quarantined(source=source, reason="empty", stage=STAGE, detail="no response or resource records")
            return
        except Exception as exc:
            # warcio raises many kinds on damaged input (ArchiveLoadFailed, OSError, EOFError, zlib.error,
            # ValueError, AttributeError, TypeError, IndexError, OverflowError for a 20-digit
            # Content-Length): any of them is the archive's damage, and the stream cannot be
            # resynchronised, so the archive ends here (records before it are kept).
            offset = getattr(archive, "offset", None)
            yield _broken(f"{source}#{offset}" if isinstance(offset, int) else source, exc)
            return
        damage = _damage(record)
        if damage:
            count += 1
            yield Quarantined(source=where, reason="bad-warc", stage=STAGE, detail=damage)
        elif record.rec_type in DOCUMENT_RECORDS:
            count += 1
            yield _record_item(record, payload, where, max_bytes)


def _take(record: Any, archive: ArchiveIterator, source: str, max_bytes: int) -> tuple[bytes, str]:
    """The record's payload (documents only, up to the cap plus one byte) and its name."""
    payload = record.content_stream().read(max_bytes + 1) if record.rec_type in DOCUMENT_RECORDS else b""
    return payload, f"{source}#{archive.get_record_offset()}"  # the offset call reads to the record's end


def _broken(source: str, exc: Exception) -> Quarantined:
    return Quarantined(source=source, reason="bad-warc", stage=STAGE, detail=f"{type(exc).__name__}: {exc}")


def _damage(record: Any) -> str | None:
    """Why a record is broken (unparsable, not WARC, or cut short before its length), else None."""
    if not record.rec_type:
        return "unreadable WARC record"
    if not str(record.format).startswith("warc"):
        return f"not a WARC record (warcio read it as {record.format!r}; ARC files are not supported)"
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        return f"record truncated: {missing} bytes missing"
    return None


def _record_item(record: Any, payload: bytes, where: str, max_bytes: int) -> RawItem | Quarantined:
    """The record's document, or its quarantine row: one bad record never ends the archive."""
    try:
        return _read_record(record, payload, where, max_bytes)
    except Exception as exc:  # a SourceError, or a foreign one from headers a fuzzer wrote
        return quarantined(exc, where)


def _read_record(record: Any, data: bytes, where: str, max_bytes: int) -> RawItem:
    headers = record.http_headers if record.rec_type == "response" else None
    if record.rec_type == "response":
        _check_status(headers, where)
    content_type = (headers or record.rec_headers).get_header("Content-Type") or ""
    media, charset = _split_content_type(content_type)
    kind = _KINDS.get(media)
    if kind is None:
        detail = f"content type {media or 'none'!r} is not a document"
        raise SourceError(where, detail, reason="unsupported-content-type")
    if len(data) > max_bytes:
        raise SourceError(where, f"payload over {max_bytes} bytes", reason="too-large")
    item = document_item(data, where, "html" if kind == "html" else "text", declared=charset)
    return replace(
        item,
        url=record.rec_headers.get_header("WARC-Target-URI"),
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
