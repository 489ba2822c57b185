"""JSON and JSON Lines: one RawItem per record holding a "text" or "html" field.

Input: the bytes of a .json document (an object or a list of objects) or a stream of JSON lines.
Each record needs a non-empty string "html" (kind html, preferred) or "text" (kind text), and may
carry "url" (or "link"), "date" (or "published", "published_at"), "source" (or "outlet") and
"title" (or "headline"). Output: RawItem per record, with ``source`` naming the record
(``file.jsonl#L12``, ``file.json#3``).
Declines, as Quarantined rows with the line or index: lines that are not JSON ("bad-json"),
records without a usable text field or not objects ("bad-record"), lines over the cap ("too-large"),
and files with no record at all ("empty").
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import IO, Any, cast

from spillwatch.errors import SourceError
from spillwatch.ingest.failures import quarantined
from spillwatch.records import Quarantined, RawItem

STAGE = "ingest"
_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link"),
    "date": ("date", "published", "published_at"),
    "outlet": ("source", "outlet"),
    "title": ("title", "headline"),
}


def record_item(obj: Any, source: str) -> RawItem:
    """A RawItem from one decoded JSON record; SourceError("bad-record") when it has no document."""
    if not isinstance(obj, dict):
        raise SourceError(source, f"record is a {type(obj).__name__}, not an object", reason="bad-record")
    for field, kind in (("html", "html"), ("text", "text")):
        value = obj.get(field)
        if isinstance(value, str) and value.strip():
            return RawItem(
                source=source,
                data=value.encode("utf-8", "replace"),  # a lone surrogate escape ("\\ud800") becomes "?"
                kind="html" if kind == "html" else "text",
                url=_field(obj, "url"),
                outlet=_field(obj, "outlet"),
                declared_date=_field(obj, "date"),
                declared_title=_field(obj, "title"),
                encoding="utf-8",
            )
    raise SourceError(source, 'record has no non-empty "text" or "html" string', reason="bad-record")


def _field(obj: dict[str, Any], name: str) -> str | None:
    for key in _ALIASES[name]:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return _valid(value.strip())
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    return None


def _valid(text: str) -> str:
    """``text`` with lone surrogates (JSON can escape them, UTF-8 cannot hold them) replaced by "?"."""
    return text if text.isascii() else text.encode("utf-8", "replace").decode("utf-8")


def _item_or_quarantine(obj: Any, source: str) -> RawItem | Quarantined:
    """The record's RawItem, or its quarantine row (any failure is this record's, never the file's)."""
    try:
        return record_item(obj, source)
    except Exception as exc:
        return quarantined(exc, source)


def _loads(data: bytes) -> Any:
    """``json.loads``; JSONError-like ValueError for bad JSON and for nesting too deep to parse."""
    try:
        return json.loads(data)
    except RecursionError as exc:
        raise ValueError(f"JSON nested too deeply: {exc}") from exc


def iter_json_document(data: bytes, source: str) -> Iterator[RawItem | Quarantined]:
    """Records of a whole JSON document; falls back to JSON Lines when the file holds lines."""
    try:
        doc = _loads(data)
    except ValueError as exc:
        first = next((line for line in data.splitlines() if line.strip()), b"")
        if not _parses(first):
            yield Quarantined(source=source, reason="bad-json", stage=STAGE, detail=str(exc))
            return
        yield from iter_json_lines(iter(data.splitlines(keepends=True)), source, max_bytes=len(data) + 1)
        return
    if isinstance(doc, list):
        if not doc:
            yield Quarantined(source=source, reason="empty", stage=STAGE, detail="empty JSON list")
        for index, obj in enumerate(doc):
            yield _item_or_quarantine(obj, f"{source}#{index}")
    else:
        yield _item_or_quarantine(doc, source)


def _parses(line: bytes) -> bool:
    try:
        _loads(line)
    except ValueError:
        return False
    return True


def iter_json_lines(
    lines: Iterator[bytes] | IO[bytes], source: str, *, max_bytes: int
) -> Iterator[RawItem | Quarantined]:
    """One record per non-blank line; bad lines are quarantined with their line number."""
    seen_any = False
    for number, line in _capped_lines(lines, max_bytes):
        seen_any = seen_any or line is None or bool(line.strip())
        where = f"{source}#L{number}"
        if line is None:
            yield Quarantined(source=where, reason="too-large", stage=STAGE, detail=f"line over {max_bytes} bytes")
            continue
        if not line.strip():
            continue
        try:
            obj = _loads(line)
        except ValueError as exc:
            yield Quarantined(source=where, reason="bad-json", stage=STAGE, detail=str(exc))
            continue
        yield _item_or_quarantine(obj, where)
    if not seen_any:
        yield Quarantined(source=source, reason="empty", stage=STAGE, detail="no JSON lines")


def _capped_lines(lines: Iterator[bytes] | IO[bytes], cap: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; None in place of a line longer than ``cap`` (read through, not kept)."""
    if isinstance(lines, io.IOBase):  # a file is an Iterator too, but iterating it does not cap its lines
        yield from _capped_stream_lines(cast("IO[bytes]", lines), cap)
        return
    for number, line in enumerate(lines, start=1):
        yield number, (line if len(line) <= cap else None)


def _capped_stream_lines(stream: IO[bytes], cap: int) -> Iterator[tuple[int, bytes | None]]:
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) <= cap or line.endswith(b"\n"):
            yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(cap + 1)
        yield number, None
